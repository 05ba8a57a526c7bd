/* kernel/io/fat: the FAT32 file-system driver, the first part of "I/O and the
 * file system" (NT's Io and its fastfat). Owns the on-disk format of a FAT32
 * volume as Microsoft's FAT specification defines it: the boot sector (BPB)
 * and its validation, FSInfo, the FATs (every copy written, unless the BPB
 * turns mirroring off), cluster chains and their allocation, directories with
 * VFAT long names and generated 8.3 short names, files, and the one open-file
 * record (FCB) per file or directory. It may call only kernel/rtl (strings,
 * wildcards, Win32 error codes) and mm/pool.h's kmalloc/kfree; it reaches the
 * disk only through struct fat_blockdev and the clock only through
 * fat_clock_fn, so it runs unchanged in host unit tests.
 *
 * Names are 8-bit strings in OEM code page 437 (the A calls' view): long names
 * are stored as UTF-16 through CP437's table, and characters a stored name has
 * outside CP437 read back as '?'. Lookup is case-insensitive: both sides are
 * folded to upper case in Unicode over ASCII, Latin-1 and the Greek letters of
 * CP437; a name matches an entry's long name or its short name. Paths are
 * relative to the volume root, components separated by '\' (a leading '\' is
 * allowed, a trailing one asks for a directory); the caller resolves drive
 * letters, "." and "..": as components they give ERROR_INVALID_NAME, since
 * trailing dots and spaces are dropped from every component, as Win32 does.
 *
 * Every call returns a Win32 error code (kernel/rtl/winerror.h): ERROR_SUCCESS,
 * or the code Windows gives for the same failure. A chain that loops, leaves
 * the volume or ends early, or an entry pointing outside the volume gives
 * ERROR_FILE_CORRUPT for that file (the volume stays usable); an unusable boot
 * sector refuses the mount with one line saying why. Every loop over a chain
 * is bounded by the cluster count. Block-device errors (ERROR_CRC,
 * ERROR_IO_DEVICE, ...) pass through unchanged.
 *
 * Write ordering (power loss): new data first, then the FAT (each sector to
 * the first copy, then the second), then the directory entry; freeing goes
 * the other way (entry first, then FAT); a moved entry is erased before it
 * is written again. FSInfo follows the FAT. A crash at any moment therefore
 * leaves at worst lost clusters (allocated but unreferenced, or a chain
 * longer than the size the entry gives), a stale FSInfo free count, or the
 * second FAT one sector behind the first; never a cross-linked file or an
 * entry pointing at free clusters. An entry set of at most 16 entries (names
 * up to 195 characters) never straddles a sector, so it is written at once.
 * Every call returns with its writes on the device (there is no write-back
 * cache here: the FAT sector and FSInfo are flushed at each call's end);
 * the file cache above (kernel/io/cache.c) keeps file data and writes it
 * back with fat_write_paging into clusters fat_set_size allocated first.
 *
 * Access rights and sharing (GENERIC_WRITE on a READONLY file, FILE_SHARE_*,
 * delete-on-close) are the caller's; the driver itself only refuses deleting,
 * replacing or removing what is READONLY or open.
 *
 * Concurrency: none inside. The caller serializes every call on one volume
 * (one lock per volume) and keeps file data coherent above (the cache). */
#ifndef KERNEL_IO_FAT_FAT_H
#define KERNEL_IO_FAT_FAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAT_SECTOR_SIZE 512u            /* the block device's unit */
#define FAT_NAME_MAX    255u            /* characters in one path component */

/* Windows' FILE_ATTRIBUTE_* values, which are FAT's attribute bits. */
#define FAT_ATTR_READONLY  0x01u
#define FAT_ATTR_HIDDEN    0x02u
#define FAT_ATTR_SYSTEM    0x04u
#define FAT_ATTR_VOLUME_ID 0x08u
#define FAT_ATTR_DIRECTORY 0x10u
#define FAT_ATTR_ARCHIVE   0x20u
#define FAT_ATTR_SETTABLE  (FAT_ATTR_READONLY | FAT_ATTR_HIDDEN | FAT_ATTR_SYSTEM | \
			    FAT_ATTR_ARCHIVE)

/* The disk (a partition), in 512-byte sectors. read and write move count
 * sectors at lba and return ERROR_SUCCESS or a Win32 error (ERROR_CRC,
 * ERROR_IO_DEVICE); a write has reached the disk when it returns, in call
 * order (the write-ordering guarantee depends on it).
 *
 * meta_read and meta_write (NULL: read and write) move one sector of the
 * volume's metadata: the FAT, FSInfo and directories. The device may keep
 * them in a write-back cache (kernel/io/metacache.c); it then writes them,
 * FAT sectors before directory sectors, after the file data a flush
 * writes, and drops its copy of a sector written through write (a
 * directory's cluster freed and reused for data). Writes that must precede
 * the cached ones go through write (a new directory's first sectors). With
 * meta_flush, clusters an erased or cut entry held are freed in two phases
 * (as NT's FAT keeps a deleted file's clusters until its entry's change is
 * written): they stay linked in the FAT, not reused, until the owner of the
 * cache has written all of it and calls fat_release_freed; so the entry
 * reaches the disk before the FAT says they are free, and a power cut in
 * between leaves at worst lost clusters, never two owners of one cluster.
 * Only when the driver needs them sooner (a full volume, or too many
 * waiting) does it call meta_flush and release them itself. */
struct fat_blockdev {
	uint32_t (*read)(void *ctx, uint32_t lba, uint32_t count, void *buf);
	uint32_t (*write)(void *ctx, uint32_t lba, uint32_t count, const void *buf);
	void *ctx;
	uint32_t sectors;               /* the device's size */
	uint32_t (*meta_read)(void *ctx, uint32_t lba, void *buf);
	uint32_t (*meta_write)(void *ctx, uint32_t lba, const void *buf);
	uint32_t (*meta_flush)(void *ctx);      /* writes what meta_write left (NULL: none) */
};

/* A local date and time, SYSTEMTIME's fields (no day of the week). FAT keeps
 * 1980..2107, seconds in twos (creation time: in hundredths). */
struct fat_time {
	uint16_t year, month, day, hour, minute, second, milliseconds;
};

/* Fills *t with the current local time (the kernel gives CMOS time). */
typedef void (*fat_clock_fn)(struct fat_time *t);

struct fat_volume;
struct fat_file;                        /* an FCB: one per open file or directory */

/* What GetFileAttributes, GetFileTime and FindFirstFile report. */
struct fat_info {
	uint32_t attributes;            /* FAT_ATTR_* bits (0: none, Win32's NORMAL) */
	uint32_t size;                  /* 0 for directories */
	struct fat_time created, accessed, written;     /* accessed: date only */
	char name[FAT_NAME_MAX + 1];    /* the long name, else the short one */
	char short_name[13];            /* the 8.3 name, "NAME.EXT" */
};

/* An enumeration's position in one directory (FindFirstFile's state). */
struct fat_find {
	struct fat_volume *vol;
	uint32_t dir;                   /* the directory's first cluster */
	uint32_t index;                 /* the next entry to look at */
	uint32_t cluster, cluster_index;        /* where the last entry was */
	char pattern[FAT_NAME_MAX + 1];
};

/* --- volumes (mount.c) --- */

/* Mounts the FAT32 volume on dev (copied). On success *out is the volume; else
 * *why (when why is not NULL) is one line saying why: ERROR_UNRECOGNIZED_VOLUME
 * (not FAT32), ERROR_DISK_CORRUPT (a FAT32 BPB that contradicts itself or the
 * device), ERROR_NOT_ENOUGH_MEMORY, or the device's read error. */
uint32_t fat_mount(const struct fat_blockdev *dev, fat_clock_fn clock,
		   struct fat_volume **out, const char **why);
/* Writes what is pending (see fat_flush) and frees the volume; ERROR_BUSY
 * (nothing done) while any file of it is open. */
uint32_t fat_unmount(struct fat_volume *v);
/* Writes what an earlier call left pending after a device error: the cached
 * FAT sector, then FSInfo (FlushFileBuffers' part here). */
uint32_t fat_flush(struct fat_volume *v);
/* Releases the clusters freed before this call (see struct fat_blockdev):
 * call it once everything meta_write was given before it has reached the
 * disk. Their entries become free in the FAT sector cache, which fat_flush
 * writes on. The first error (the chain that failed stays lost). */
uint32_t fat_release_freed(struct fat_volume *v);
/* Whether freed clusters wait for fat_release_freed. */
bool fat_has_freed(const struct fat_volume *v);
/* GetDiskFreeSpace's figures: bytes per cluster, free and total clusters
 * (those waiting for fat_release_freed count as free). */
void fat_space(const struct fat_volume *v, uint32_t *cluster_bytes, uint32_t *free_clusters,
	       uint32_t *total_clusters);

/* The volume's serial number (the boot sector's BS_VolID; 0 when its
 * extended boot signature is missing), and its label: the root directory's
 * volume-label entry without its trailing spaces, as Windows reads it ("" when
 * there is none; the boot sector's BS_VolLab is not consulted). */
uint32_t fat_serial(const struct fat_volume *v);
/* The sector of cluster 2, where the data area starts (NT's logical
 * cluster 0: FSCTL_GET_RETRIEVAL_POINTERS counts from there). */
uint32_t fat_data_lba(const struct fat_volume *v);
uint32_t fat_label(struct fat_volume *v, char label[12]);

/* --- names and paths (path.c) --- */

/* Opens the file or directory at path ("" or "\" is the root); *out is its
 * FCB, shared with every other opener. ERROR_FILE_NOT_FOUND (the last
 * component), ERROR_PATH_NOT_FOUND (a directory on the way), ERROR_INVALID_NAME,
 * ERROR_FILENAME_EXCED_RANGE, ERROR_FILE_CORRUPT. */
uint32_t fat_open(struct fat_volume *v, const char *path, struct fat_file **out);
/* Creates an empty file at path with attributes attr (FAT_ATTR_SETTABLE bits;
 * ARCHIVE is added, as Windows does) and opens it. ERROR_FILE_EXISTS when the
 * name is taken, ERROR_DISK_FULL, ERROR_CANNOT_MAKE (the directory holds 65536
 * entries), and fat_open's errors for the directory. */
uint32_t fat_create(struct fat_volume *v, const char *path, uint32_t attr, struct fat_file **out);
/* Creates a directory (with "." and ".."); ERROR_ALREADY_EXISTS when taken. */
uint32_t fat_mkdir(struct fat_volume *v, const char *path);
/* Deletes a file: ERROR_ACCESS_DENIED for a directory or a READONLY file,
 * ERROR_SHARING_VIOLATION while it is open. */
uint32_t fat_delete(struct fat_volume *v, const char *path);
/* Removes an empty directory: ERROR_DIRECTORY for a file, ERROR_DIR_NOT_EMPTY,
 * ERROR_ACCESS_DENIED for the root or a READONLY one, ERROR_SHARING_VIOLATION
 * while it is open. */
uint32_t fat_rmdir(struct fat_volume *v, const char *path);
/* Renames or moves from to to (any directory of the volume). An existing to
 * gives ERROR_ALREADY_EXISTS unless replace, which replaces a file that is not
 * READONLY, open or a directory (else ERROR_ACCESS_DENIED, as NT's file
 * systems refuse them). Moving a directory into itself gives
 * ERROR_SHARING_VIOLATION, as Windows does. Open FCBs follow the move. */
uint32_t fat_rename(struct fat_volume *v, const char *from, const char *to, bool replace);
/* The attributes, size, times and names of what path names. */
uint32_t fat_stat(struct fat_volume *v, const char *path, struct fat_info *info);
/* Sets the FAT_ATTR_SETTABLE bits of path (others are ignored, as Windows
 * ignores them); the root gives ERROR_ACCESS_DENIED. */
uint32_t fat_set_attributes(struct fat_volume *v, const char *path, uint32_t attr);

/* Starts enumerating the directory dir_path for names matching pattern (see
 * kernel/rtl/wildcard.h; matched against long and short names). */
uint32_t fat_find_first(struct fat_volume *v, const char *dir_path, const char *pattern,
			struct fat_find *find);
/* The next matching entry ("." and ".." included, as on Windows);
 * ERROR_NO_MORE_FILES at the end. */
uint32_t fat_find_next(struct fat_find *find, struct fat_info *info);

/* --- open files (file.c) --- */

/* Drops one reference to f; the last frees the FCB (nothing is written). */
void fat_close(struct fat_file *f);
/* Reads up to len bytes at offset into buf; *done says how many (0 at or past
 * the end). ERROR_ACCESS_DENIED for a directory. */
uint32_t fat_read(struct fat_file *f, uint32_t offset, void *buf, uint32_t len, uint32_t *done);
/* Writes len bytes at offset, extending the file (a gap from its end to offset
 * reads as zeros). *done says how many were written; on ERROR_DISK_FULL the
 * file keeps what fitted and its size says so. Past 4 GB - 1: ERROR_DISK_FULL
 * (as Windows' FAT). ERROR_ACCESS_DENIED for a directory. */
uint32_t fat_write(struct fat_file *f, uint32_t offset, const void *buf, uint32_t len,
		   uint32_t *done);
/* The file cache's write-back (paging I/O): len bytes at offset, within the
 * file's size (its clusters exist: nothing is allocated, else
 * ERROR_INVALID_PARAMETER); the size and times stay, and the entry is
 * written only when fat_touch changed it since. */
uint32_t fat_write_paging(struct fat_file *f, uint32_t offset, const void *buf, uint32_t len);
/* Records a write now (a cached WriteFile): the write time and ARCHIVE
 * change in memory; the entry reaches the disk with the file's next paging
 * write or entry update. */
void fat_touch(struct fat_file *f);
/* Sets the size (SetEndOfFile): shrinking frees the clusters past it, growing
 * zero-fills. ERROR_DISK_FULL leaves the size unchanged. */
uint32_t fat_set_size(struct fat_file *f, uint32_t size);
/* fat_set_size, but growing with zero false leaves the new bytes as the
 * clusters hold them: the caller (the file cache) writes every one of them
 * before anything reads them from the disk, or cuts the size back. */
uint32_t fat_set_size_ex(struct fat_file *f, uint32_t size, bool zero);
/* Where byte offset of f lies on the device (offset below the size rounded
 * up to clusters, sector-aligned): its sector *lba, and *bytes (at most len)
 * from there on consecutive sectors of the file's clusters. For paging I/O
 * straight between the device and memory; the caller then writes the
 * changed entry with fat_write_paging of 0 bytes. */
uint32_t fat_map(struct fat_file *f, uint32_t offset, uint32_t len, uint32_t *lba,
		 uint32_t *bytes);
/* Records a read of f now, as fat_read does (a read through fat_map): the
 * access date, and the entry written when it changed. */
uint32_t fat_note_read(struct fat_file *f);
/* The open file's attributes, size, times and short name (name: ""). */
void fat_query(const struct fat_file *f, struct fat_info *info);
/* The open file's size alone (cheap: the file cache asks it per copy). */
uint32_t fat_size(const struct fat_file *f);
/* The file's identity on the volume, as Windows' FAT gives it: the first
 * cluster of the directory holding its entry (*high) and the entry's byte
 * offset there (*low); the root directory, which has no entry, is (0, its
 * first cluster). Two open files never share it, empty ones included; it
 * stays while the file stays where it is, and a rename or move may change it
 * (BY_HANDLE_FILE_INFORMATION's documented FAT behaviour). */
void fat_file_id(const struct fat_file *f, uint32_t *high, uint32_t *low);
/* Sets the times that are not NULL (SetFileTime); the root: ERROR_ACCESS_DENIED. */
uint32_t fat_set_times(struct fat_file *f, const struct fat_time *created,
		       const struct fat_time *accessed, const struct fat_time *written);

#endif
