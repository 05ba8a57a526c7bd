/* kernel/io's private structures: the open-file record above each FAT FCB
 * and the File object body, shared by file.c (objects, open, data) and
 * names.c (calls by path). Not for other components. */
#ifndef KERNEL_IO_IOP_H
#define KERNEL_IO_IOP_H

#include "kernel/io/file.h"
#include "kernel/rtl/path.h"

struct mm_control_area;

/* One per open file or directory of a volume (NT keeps these in the FCB):
 * NT's SHARE_ACCESS counts and delete pending. Listed on its volume, under
 * the volume lock. */
struct io_fcb {
	struct io_volume *vol;
	struct fat_file *fat;           /* one FAT driver reference, dropped with the record */
	uint32_t files;                 /* File objects on it */
	uint32_t open_count;            /* of those, opened for reading, writing or deleting */
	uint32_t readers, writers, deleters;
	uint32_t shared_read, shared_write, shared_delete;
	bool delete_pending;
	char path[RTL_MAX_PATH];        /* its volume path, for deleting it at the end */
	struct mm_control_area *ca;     /* a file's pages in memory (cache.c); NULL: a directory */
	struct mm_control_area *image;  /* its image section while a process runs it
					   (file_image_slot; the PFN lock's) */
	struct io_fcb *next;
};

/* A File object's body. */
struct io_file {
	struct io_fcb *fcb;
	uint32_t access, share;
	uint64_t position;              /* under the volume lock */
	bool directory, delete_on_close;
	struct fat_find *find;          /* FindFirstFile's enumeration, or NULL */
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

/* --- the file cache (cache.c): a file's data goes through its control area
 * (mm/filecache.h); offsets and sizes are below 4 GB (FAT). --- */

/* Makes the control area of fcb, just made, when it is a file. */
uint32_t cache_open_locked(struct io_fcb *fcb);
/* fcb's last File object is going: its dirty pages are written (unless it
 * is delete pending) and its pages and control area freed. */
void cache_close_locked(struct io_fcb *fcb);
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
/* Starts the lazy writer (io_init); stops it for good (io_shutdown). */
void cache_init(void);
void cache_shutdown(void);

#endif
