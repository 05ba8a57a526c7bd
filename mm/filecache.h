/* The file cache's memory (NT's Mm side of the cache manager): a file's
 * pages live in PFN-database frames, once, found through ONE control area per
 * open file (NT: the FCB's SectionObjectPointers lead to the data section's
 * CONTROL_AREA) whose segment holds a prototype PTE per page of the file:
 *   - on the file (PTE_SUBSECTION): not in memory; read on first access,
 *     with the pages after it that are on the file too (one request);
 *   - in transition: a clean frame on the standby list (reclaimable: taking
 *     it rewrites the PTE back to "on the file") or a dirty one on the
 *     modified list (written back to the file, never to swap);
 *   - valid: the frame is in use (copied to or from: each copy holds a
 *     reference, its share count), PTE_PROTO_DIRTY when written; the last
 *     copy's reference passes to the file cache's working set (mm/filews.c),
 *     which keeps the page valid until it is trimmed (memory runs low, the set
 *     is full) or the page dropped, so the next copy takes it without list
 *     work (NT: pages of the system cache's views, in its working set).
 * File-backed sections (CreateFileMapping of a file) refer to this very
 * control area: their views map these frames through the prototype PTEs
 * (mm/protofault.c), so a page is in memory once whether ReadFile or a view
 * touches it; a view's written page is dirty here too (its PTE's dirty bit is
 * collected into the prototype PTE when it leaves a working set or at
 * FlushViewOfFile) and goes back to the file, never to swap.
 *
 * The memory manager never calls the file system but through the
 * struct mm_file_io its creator gives. Every call here is made holding the
 * file's lock (for kernel/io: its volume's guarded mutex), which serializes
 * the operations on one file and which mm_file_io's callbacks rely on, but
 * mm_file_page_put and mm_file_pages_put (a copy to or from a user buffer
 * runs without it, its frames referenced) and the functions on frames and counters at the end;
 * frames and prototype PTEs are the PFN lock's, taken inside. Callers:
 * kernel/io/cache.c. */
#ifndef MM_FILECACHE_H
#define MM_FILECACHE_H

#include "arch/types.h"

#define MM_FILE_CLUSTER 16u     /* pages per read or write request at most */

struct mm_control_area;

/* The file system's paging I/O, called with the file's lock held: moves
 * pages [page, page + n) of file between it and frames (n <= MM_FILE_CLUSTER).
 * A read leaves the bytes past the end of the file zero; a write never
 * writes past it. Win32 error codes. */
struct mm_file_io {
	uint32_t (*read)(void *file, uint32_t page, uint32_t n, const pfn_t *frames);
	uint32_t (*write)(void *file, uint32_t page, uint32_t n, const pfn_t *frames);
	/* For views, called holding no lock: takes the file's lock and
	 * mm_file_page_get(MM_FILE_READ)s page page (a fault); writes pages
	 * [first, end) back (FlushViewOfFile). */
	uint32_t (*page_in)(void *file, uint32_t page, pfn_t *out);
	uint32_t (*flush)(void *file, uint32_t first, uint32_t end);
	/* Called under any lock (it must neither sleep nor take the file's
	 * lock): no section or view refers to the file any more; the reference
	 * on it mm_file_section_reference asked for goes. */
	void (*release)(void *file);
	/* The file's full path ("C:\DIR\FILE", for GetMappedFileName). */
	void (*name)(void *file, char *buf, uint32_t size);
};

/* The control area of an open file of pages pages (its size rounded up),
 * all on the file; ERROR_NOT_ENOUGH_MEMORY. */
uint32_t mm_file_create(const struct mm_file_io *io, void *file, uint32_t pages,
			struct mm_control_area **out);
/* Discards every page (written back or not: the caller flushed first, or
 * the file is being deleted) and frees the control area. */
void mm_file_delete(struct mm_control_area *ca);
/* The file's size changed to pages pages: new pages are on the file (the
 * caller made them zero there), pages past the end are dropped, written or
 * not, once the copies under way on them (which hold no lock of the file)
 * have ended. ERROR_NOT_ENOUGH_MEMORY (nothing changed) when the segment
 * cannot grow. */
uint32_t mm_file_resize(struct mm_control_area *ca, uint32_t pages);

enum mm_file_get {
	MM_FILE_READ,           /* from memory, else read from the file */
	MM_FILE_FRESH,          /* from memory, else a zeroed frame (the caller
				   overwrites it, or the file holds zeros there) */
	MM_FILE_RESIDENT,       /* from memory, else none (*out PFN_NONE) */
};
/* The frame of page page (below the segment's end), referenced for a copy
 * until mm_file_page_put: it cannot be repurposed meanwhile. Counts a cache
 * hit or miss. ERROR_NOT_ENOUGH_MEMORY when no frame is free now (the
 * caller writes back or waits, and asks again), or the read's error. */
uint32_t mm_file_page_get(struct mm_control_area *ca, uint32_t page, enum mm_file_get how,
			  pfn_t *out);
/* The frames of the pages from page on (n of them, below the segment's end)
 * that are in memory now, each referenced as by mm_file_page_get, under one
 * PFN lock: stops at the first page that is not. Returns how many (counted
 * as cache hits). */
uint32_t mm_file_pages_get_resident(struct mm_control_area *ca, uint32_t page, uint32_t n,
				    pfn_t *out);
/* Ends a copy on page page's frame pfn; written says the copy wrote to it.
 * The last reference puts the frame on the standby or modified list. */
void mm_file_page_put(struct mm_control_area *ca, uint32_t page, pfn_t pfn, bool written);
/* mm_file_page_put of the n pages from page (their frames pfns), under one
 * PFN lock. */
void mm_file_pages_put(struct mm_control_area *ca, uint32_t page, uint32_t n, const pfn_t *pfns,
		       bool written);
/* Writes every dirty page of pages [first, end) back to the file, a cluster
 * of consecutive pages per request: those on the modified list (which go to
 * standby once written) and the valid ones whose prototype PTE says dirty
 * (mapped by views: they stay valid, clean until written again); those that
 * failed stay dirty. *written (may be NULL) counts pages written. Returns the
 * first error. */
uint32_t mm_file_flush(struct mm_control_area *ca, uint32_t first, uint32_t end,
		       uint32_t *written);
/* The mapped page writer's part of mm_file_flush: only the pages on the
 * modified list (trimmed from views, or copied to and let go), whose frames
 * become reclaimable once written; the valid ones stay for the lazy writer
 * and FlushViewOfFile. */
uint32_t mm_file_write_modified(struct mm_control_area *ca, uint32_t *written);
/* A section object of pages pages is made on the file (its lock held): true
 * when it is the first section or view of it, and the caller then references
 * the file for them (given back through io->release once none is left). */
bool mm_file_section_reference(struct mm_control_area *ca, uint32_t pages);
/* Whether a section object or a view refers to ca (DeleteFile refuses:
 * ERROR_ACCESS_DENIED, as NT's MmFlushImageSection(MmFlushForDelete)). */
bool mm_file_mapped(struct mm_control_area *ca);
/* Whether ca's file may be truncated to pages pages (the file's lock held):
 * not below a section object or view made on it (ERROR_USER_MAPPED_FILE, as
 * NT's MmCanFileBeTruncated: below the segment while it has users). New
 * sections wait for the file's lock and views lie inside their sections, so
 * the pages a truncation then drops are nobody's. */
bool mm_file_can_truncate(struct mm_control_area *ca, uint32_t pages);
/* Whether ca holds dirty pages. */
bool mm_file_is_dirty(const struct mm_control_area *ca);

/* Copies n bytes between buf (kernel memory) and frame pfn at offset
 * (to_frame: into the frame), through the kernel's direct window or, beyond
 * it, a temporary slot. */
void mm_frame_copy(pfn_t pfn, uint32_t offset, void *buf, uint32_t n, bool to_frame);
/* Frame pfn in the kernel's direct window, or NULL when it lies beyond. */
void *mm_frame_direct(pfn_t pfn);

/* Sets up the file cache's working set (mm/filews.c), once, at boot,
 * the pool ready. Without it every copy's end puts its page on a list. */
void mm_file_cache_init(void);

/* Dirty file pages in all (a snapshot), and the most there should be: a
 * writer past it writes back before dirtying more (NT's dirty page
 * threshold, an eighth of memory). */
uint32_t mm_file_dirty_pages(void);
uint32_t mm_file_dirty_limit(void);
/* Sleeps a moment for the balance set manager to free frames (the caller
 * holds only the file's lock). */
void mm_file_wait_for_memory(void);

/* The writer of file pages the memory manager wakes when memory is short
 * and modified file pages wait (NT's mapped page writer, beside the
 * modified page writer, which never writes a file's page to swap:
 * kernel/io/mapping.c sets it at boot). */
void mm_file_set_writer(void (*wake)(void));
void mm_file_writer_wake(void);

#endif
