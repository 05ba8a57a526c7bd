/* kernel/io's private structures: the open-file record above each FAT FCB
 * and the File object body, shared by file.c (objects, open, data) and
 * names.c (calls by path). Not for other components. */
#ifndef KERNEL_IO_IOP_H
#define KERNEL_IO_IOP_H

#include "kernel/io/file.h"
#include "kernel/ke/dispatcher.h"
#include "kernel/rtl/path.h"

struct mm_control_area;

/* One per open file or directory of a volume (NT keeps these in the FCB):
 * NT's SHARE_ACCESS counts and delete pending. Listed on its volume, under
 * the volume lock.
 *
 * Lifetime (NT's cache manager keeps a closed file's section and pages): refs
 * counts what holds the record: each File object, and each other holder
 * (a section, iop_fcb_reference). When refs drops to 0 a file's record stays
 * listed, its pages cached (clean ones reclaimable as standby, dirty ones
 * written by the lazy writer: closing never flushes), so reopening finds
 * them; it is evicted (its dirty pages written, unless the file is deleted)
 * by DeleteFile, a replacing MoveFileEx, too many closed files on the volume,
 * io_cache_purge and shutdown. A directory's record goes at once. */
struct io_fcb {
	struct io_volume *vol;
	struct fat_file *fat;           /* one FAT driver reference, dropped with the record */
	uint32_t refs;                  /* File objects and other holders; 0: closed, cached */
	uint32_t files;                 /* File objects on it */
	uint32_t open_count;            /* of those, opened for reading, writing or deleting */
	uint32_t readers, writers, deleters;
	uint32_t shared_read, shared_write, shared_delete;
	bool delete_pending;
	char path[RTL_MAX_PATH];        /* its volume path, for deleting it at the end */
	struct mm_control_area *ca;     /* a file's pages in memory (cache.c); NULL: a directory */
	volatile uint32_t unmapped;     /* references of its sections and views (one while
					   any: mapping.c) given back (atomic), not yet settled */
	struct mm_control_area *image;  /* its image section while a process runs it
					   (file_image_slot; the PFN lock's) */
	struct io_range_lock *locks;    /* its byte-range locks (lock.c) */
	struct io_lock_wait *lock_waits;        /* the lock requests waiting, oldest first */
	struct io_fcb *next;
};

/* A File object's body. */
struct io_file {
	struct io_fcb *fcb;
	uint32_t access, share;
	uint64_t position;              /* under the volume lock */
	bool directory, delete_on_close;
	bool overlapped;                /* FILE_FLAG_OVERLAPPED: LockFileEx may pend */
	struct fat_find *find;          /* FindFirstFile's enumeration, or NULL */
	uint32_t find_flags;            /* FILE_FIND_* */
	struct io_completion *port;     /* referenced: where its transfers complete, or NULL */
	uint32_t port_key, port_modes;  /* the port's key, FILE_SKIP_* modes */
	struct dispatcher_header done;  /* NT's FileObject->Event (file_io_start) */
	struct io_notify *notify;       /* a directory's change watch (notify.c), or NULL */
	bool volume;                    /* opened as \\.\X: (its root directory; fsctl.c) */
	bool no_buffering;              /* FILE_FLAG_NO_BUFFERING */
};

/* Splits a full path into its volume (ERROR_PATH_NOT_FOUND: no such drive)
 * and the path on it ("\dir\name"); ERROR_FILENAME_EXCED_RANGE at MAX_PATH. */
uint32_t iop_split(const char *path, struct io_volume **vol, const char **rest);
/* Makes f the File object of fat (whose reference this consumes) at path on
 * v, with f's access and share already set: its record is found or made, and
 * f's share access is added. */
uint32_t iop_attach_locked(struct io_volume *v, struct fat_file *fat, const char *path,
			   struct io_file *f);
/* The record of fat (the volume lock held), or NULL when it has none. */
struct io_fcb *iop_fcb_find_locked(struct io_volume *v, struct fat_file *fat);
/* A new record for fat (whose reference it takes; dropped on failure) at
 * path, listed on v with one reference. */
uint32_t iop_fcb_create_locked(struct io_volume *v, struct fat_file *fat, const char *path,
			       struct io_fcb **out);
/* One more holder of fcb (the volume lock held), and its end: the last one
 * leaves a file's record cached, or frees a directory's or a delete-pending
 * file's (deleting it). */
void iop_fcb_reference_locked(struct io_fcb *fcb);
void iop_fcb_release_locked(struct io_fcb *fcb);
/* Frees a closed file's record (refs 0) now: its dirty pages are written
 * first unless discard (the file is being deleted or replaced). */
void iop_fcb_evict_locked(struct io_fcb *fcb, bool discard);
/* Evicts the closed record of the file at path, if it has one, so that the
 * FAT driver may delete or replace it. */
void iop_evict_path_locked(struct io_volume *v, const char *path, bool discard);
/* Whether the open file of fcb (its attributes in info) may become delete
 * pending: ERROR_ACCESS_DENIED for a READONLY file, the root, a mapped file
 * or a running program's; ERROR_DIR_NOT_EMPTY for a directory that is not. */
uint32_t iop_deletable_locked(struct io_fcb *fcb, const struct fat_info *info);
/* Evicts every closed record of v (dirty pages written). */
void iop_evict_all_locked(struct io_volume *v);

/* --- byte-range locks (lock.c) --- */

/* Whether owner may read (or write) len bytes at offset through f:
 * ERROR_LOCK_VIOLATION when another owner's exclusive lock, or for a
 * write any shared lock, covers one of them. */
uint32_t iop_lock_check_locked(const struct io_file *f, const void *owner, uint64_t offset,
			       uint32_t len, bool write);
/* The File type's close procedure: when t's process holds no other handle
 * to f, its locks through f go and its waiting requests are aborted. */
void iop_lock_handle_closed(void *f, struct ob_handle_table *t, uint32_t handles_left);
/* f is going: every lock taken through it goes, its waiting requests are
 * aborted, and what waits on its locks may be granted; the overlapped
 * requests so answered go on *done (start it NULL) for iop_lock_complete,
 * to be called once the volume lock is dropped. */
struct io_lock_wait;
void iop_lock_rundown_locked(struct io_file *f, struct io_lock_wait **done);
void iop_lock_complete(struct io_lock_wait *done);

/* --- change notifications (notify.c) --- */

/* A change on v (the volume lock held): action (FILE_ACTION_*) on the item
 * at volume path path, and, when path2 is not NULL, action2 on path2 (a
 * rename's pair), of the kinds filter (FILE_NOTIFY_CHANGE_*): recorded by
 * every watch of a directory holding them whose filter shares a bit, and
 * answering its oldest waiting request. */
void iop_notify_locked(struct io_volume *v, uint32_t filter, uint32_t action, const char *path,
		       uint32_t action2, const char *path2);
/* A rename or move of a file (dir false) or directory from to to: the
 * RENAMED_OLD_NAME/RENAMED_NEW_NAME pair within a directory, REMOVED and
 * ADDED across directories, as NT reports them; replaced (a file was at
 * to): its REMOVED first, unless to names from itself (a change of case). */
void iop_notify_move_locked(struct io_volume *v, bool dir, const char *from, const char *to,
			    bool replaced);
/* Completes the overlapped requests answered under a volume lock
 * (io_unlock's, with no lock held). */
void iop_notify_complete(struct io_notify_request *done);
/* The handle table owner holds no handle to f any more: its requests are
 * answered ERROR_NOTIFY_CLEANUP. */
void iop_notify_handle_closed(struct io_file *f, const void *owner);
/* f is going (no request waits: each holds it): its watch goes. */
void iop_notify_rundown_locked(struct io_file *f);

/* --- the disk (volume.c) and the metadata cache (metacache.c) --- */

/* Moves count sectors at partition sector lba between the disk and buf,
 * through the volume's bounce pages (buf NULL: the data is in the bounce
 * pages, count at most IDE_MAX_PAGES pages' sectors), sleeping. */
uint32_t iop_disk_move(struct io_volume *v, uint32_t lba, uint32_t count, uint8_t *buf,
		       bool write);
/* Moves pages of frames between the disk and partition sectors from lba on
 * (sectors of them: the last page may move partly), straight by DMA or PIO
 * into the frames, in requests of up to IDE_MAX_PAGES. Writes drop the
 * metadata cache's copies of those sectors. */
uint32_t iop_disk_frames(struct io_volume *v, uint32_t lba, const pfn_t *frames,
			 uint32_t sectors, bool write);
/* The metadata cache of v (ERROR_NOT_ENOUGH_MEMORY), and its end (after a
 * flush: what is dirty is lost). */
uint32_t io_meta_create(struct io_volume *v);
void io_meta_free(struct io_volume *v);
/* The FAT driver's struct fat_blockdev meta_read and meta_write (ctx: the volume). */
uint32_t io_meta_read(void *ctx, uint32_t lba, void *buf);
uint32_t io_meta_write(void *ctx, uint32_t lba, const void *buf);
/* Writes every dirty metadata sector, in sector order; the first error.
 * _dev: the same as struct fat_blockdev's meta_flush (ctx: the volume). */
uint32_t io_meta_flush(struct io_volume *v);
uint32_t io_meta_flush_dev(void *ctx);
/* Drops the cached copies of count sectors from lba (written as data). */
void io_meta_forget(struct io_volume *v, uint32_t lba, uint32_t count);
/* Whether v's metadata cache holds sectors to write. */
bool io_meta_dirty(const struct io_volume *v);

/* Releases (iop_fcb_release_locked) the references fcb's sections and
 * views gave back since the last settle: given back under the memory
 * manager's locks, where the volume lock cannot be taken, they wait for
 * this. fcb may be gone afterwards. */
void iop_fcb_settle_locked(struct io_fcb *fcb);

/* --- the file cache (cache.c): a file's data goes through its control area
 * (mm/filecache.h); offsets and sizes are below 4 GB (FAT). --- */

/* Makes the control area of fcb, just made, when it is a file. */
uint32_t cache_open_locked(struct io_fcb *fcb);
/* fcb's record is going: its dirty pages are written (unless discard) and
 * its pages and control area freed. */
void cache_close_locked(struct io_fcb *fcb, bool discard);
/* ReadFile: up to len bytes at offset into b (0 at or past the end). A
 * user buffer is touched with the volume lock given up (taken again before
 * returning): the frame copied is referenced meanwhile, so it cannot be
 * repurposed, and the file may change between pages (its size is read
 * again for each). ERROR_NOACCESS when the user buffer faults. */
uint32_t cache_read_locked(struct io_fcb *fcb, uint32_t offset, const struct io_buffer *b,
			   uint32_t len, uint32_t *done);
/* WriteFile: len bytes at offset from b, extending the file (a gap reads
 * zero); on a full volume what fits, with ERROR_DISK_FULL. User buffers as
 * cache_read_locked. */
uint32_t cache_write_locked(struct io_fcb *fcb, uint32_t offset, const struct io_buffer *b,
			    uint32_t len, uint32_t *done);
/* SetEndOfFile (and a replacing open): cached pages past the end go. */
uint32_t cache_set_size_locked(struct io_fcb *fcb, uint32_t size);
/* Writes fcb's dirty pages, or those of every file of v; *written (may be
 * NULL) counts the pages. The first error. */
uint32_t cache_flush_locked(struct io_fcb *fcb, uint32_t *written);
uint32_t cache_flush_volume_locked(struct io_volume *v, uint32_t *written);
/* Page page of fcb's file for a view, referenced (mm_file_page_get's
 * MM_FILE_READ, waiting for memory as ReadFile does); ERROR_HANDLE_EOF past
 * the file's end. */
uint32_t cache_page_in_locked(struct io_fcb *fcb, uint32_t page, pfn_t *pfn);
/* Wakes the lazy writer (a mapping's reference came back: it settles). */
void cache_wake(void);
/* A writer's pass may run (true: until cache_pass_leave), or the cache was
 * shut down (false): one pass at a time, none once io_shutdown began. */
bool cache_pass_enter(void);
void cache_pass_leave(void);
/* One lazy writer pass now, settling every released mapping reference
 * (what run= does before it counts what leaked). */
void cache_settle(void);

/* --- file mappings (mapping.c): mm_file_io's calls for views --- */
uint32_t mapping_page_in(void *file, uint32_t page, pfn_t *out);
uint32_t mapping_flush(void *file, uint32_t first, uint32_t end);
void mapping_release(void *file);
void mapping_name(void *file, char *buf, uint32_t size);
/* Settles the released mapping references of every file of v. */
void mapping_settle_locked(struct io_volume *v);
/* Starts the mapped page writer (io_init, after cache_init). */
void mapping_init(void);

/* Starts the lazy writer (io_init); stops it for good (io_shutdown). */
void cache_init(void);
void cache_shutdown(void);

#endif
