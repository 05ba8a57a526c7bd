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
	uint32_t mapped;                /* references of its sections and views (mapping.c) */
	volatile uint32_t unmapped;     /* of those, given back (atomic) but not yet settled */
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

/* Settles fcb's references given back by its sections and views, then frees
 * it when no File object and no mapping refers to it any more (the last
 * close's work, a delete pending done). true when it was freed. */
bool iop_fcb_settle_locked(struct io_fcb *fcb);

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
