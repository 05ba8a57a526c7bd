/* The file cache (NT's Cc over Mm): ReadFile and WriteFile copy between the
 * caller's buffer and the file's pages in memory (mm/filecache.h), which the
 * FAT driver fills and writes back as paging I/O; the lazy writer writes
 * dirty pages within a second or two. Every function named _locked runs
 * under the file's volume lock, which is also what the paging I/O callbacks
 * below rely on. See kernel/io/iop.h. */
#include "kernel/io/iop.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "arch/cpu.h"
#include "arch/ide.h"
#include "arch/uaccess.h"
#include "mm/filecache.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/stats.h"

#define LAZY_TICKS    100u      /* the lazy writer's pass: once a second */
#define MEMORY_TRIES  500u      /* ticks a copy waits for a frame before giving up */

static struct wait_queue lazy_wait;
static bool lazy_woken, lazy_stopped;
static const struct ke_lock_class lazy_class = { "lazy writer", KE_RANK_LAZY_WRITER, false,
						 NULL };
static struct ke_guarded_mutex lazy_pass;      /* one pass at a time; shutdown stops them */

static uint32_t pages_for(uint64_t bytes)
{
	return (uint32_t)((bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

static uint32_t file_size(const struct io_fcb *fcb)
{
	return fat_size(fcb->fat);
}

/* --- paging I/O: straight between the disk and the frames where the file's
 * clusters allow, else through the FAT driver and the volume's cache buffer --- */

/* Moves bytes [offset, offset + len) of fcb's file (offset page-aligned)
 * between the disk and frames, whole sectors, one request per run of
 * consecutive clusters. ERROR_NOT_SUPPORTED (nothing or part moved: the
 * caller moves it all the slow way) when a run ends inside a page short of
 * len, as 512-byte clusters scattered on the volume do. */
static uint32_t paging_direct(struct io_fcb *fcb, uint32_t offset, uint32_t len,
			      const pfn_t *frames, bool write)
{
	uint32_t done = 0, lba, run, err;

	while (done < len) {
		if ((err = fat_map(fcb->fat, offset + done, len - done, &lba, &run)))
			return err;
		if (run < len - done && ((done + run) & (PAGE_SIZE - 1)))
			return ERROR_NOT_SUPPORTED;
		if ((err = iop_disk_frames(fcb->vol, lba, frames + done / PAGE_SIZE,
					   (run + IDE_SECTOR_SIZE - 1) / IDE_SECTOR_SIZE, write)))
			return err;
		done += run;
	}
	return ERROR_SUCCESS;
}

/* Zeroes frames' bytes from from (bytes into the first frame) to the end of
 * the last of n frames. */
static void frames_zero_from(struct io_fcb *fcb, const pfn_t *frames, uint32_t n, uint32_t from)
{
	uint8_t *zero = fcb->vol->cache_buf;

	memset(zero, 0, PAGE_SIZE);
	for (uint32_t k = from / PAGE_SIZE; k < n; k++) {
		uint32_t off = k == from / PAGE_SIZE ? from % PAGE_SIZE : 0;
		mm_frame_copy(frames[k], off, zero, PAGE_SIZE - off, true);
	}
}

static uint32_t paging_read(void *file, uint32_t page, uint32_t n, const pfn_t *frames)
{
	struct io_fcb *fcb = file;
	uint8_t *buf = fcb->vol->cache_buf;
	uint32_t size = file_size(fcb), offset = page * PAGE_SIZE, len, done, err;

	len = offset >= size ? 0 : size - offset < n * PAGE_SIZE ? size - offset : n * PAGE_SIZE;
	err = len ? paging_direct(fcb, offset, len, frames, false) : ERROR_SUCCESS;
	if (err == ERROR_SUCCESS) {
		/* What lies past the end reads zero (the sectors' tail too). */
		frames_zero_from(fcb, frames, n, len);
		return fat_note_read(fcb->fat);
	}
	if (err != ERROR_NOT_SUPPORTED)
		return err;

	/* One request for the run (the driver reads clusters that lie
	 * together at once); what lies past the end stays zero. */
	memset(buf, 0, n * PAGE_SIZE);
	if ((err = fat_read(fcb->fat, page * PAGE_SIZE, buf, n * PAGE_SIZE, &done)))
		return err;
	for (uint32_t k = 0; k < n; k++)
		mm_frame_copy(frames[k], 0, buf + k * PAGE_SIZE, PAGE_SIZE, true);
	return ERROR_SUCCESS;
}

static uint32_t paging_write(void *file, uint32_t page, uint32_t n, const pfn_t *frames)
{
	struct io_fcb *fcb = file;
	uint8_t *buf = fcb->vol->cache_buf;
	uint32_t size = file_size(fcb), offset = page * PAGE_SIZE, len, err;

	/* Nothing past the end of the last sector is written; the rest of
	 * that sector is the page's tail, zero. */
	if (offset >= size)
		return ERROR_SUCCESS;
	len = size - offset < n * PAGE_SIZE ? size - offset : n * PAGE_SIZE;
	err = paging_direct(fcb, offset, len, frames, true);
	/* Then the entry (a stamped write time) and the FAT's pending sectors. */
	if (err == ERROR_SUCCESS)
		return fat_write_paging(fcb->fat, offset, NULL, 0);
	if (err != ERROR_NOT_SUPPORTED)
		return err;
	for (uint32_t k = 0; k * PAGE_SIZE < len; k++)
		mm_frame_copy(frames[k], 0, buf + k * PAGE_SIZE, PAGE_SIZE, false);
	return fat_write_paging(fcb->fat, offset, buf, len);
}

static const struct mm_file_io paging_io = { paging_read, paging_write, mapping_page_in,
					     mapping_flush, mapping_release, mapping_name };

/* --- a file's control area: made at its first open, gone when its record is evicted --- */

uint32_t cache_open_locked(struct io_fcb *fcb)
{
	struct fat_info info;

	fat_query(fcb->fat, &info);
	if (info.attributes & FAT_ATTR_DIRECTORY)
		return ERROR_SUCCESS;
	return mm_file_create(&paging_io, fcb, pages_for(info.size), &fcb->ca);
}

void cache_close_locked(struct io_fcb *fcb, bool discard)
{
	uint32_t err = ERROR_SUCCESS;

	if (!fcb->ca)
		return;
	/* A file going away needs none of its pages written. */
	if (!discard)
		err = mm_file_flush(fcb->ca, 0, UINT32_MAX, NULL);
	if (err)
		kprintf("io: %c:%s: closing, its unwritten pages are lost (error %u)\n",
			fcb->vol->letter, fcb->path, err);
	mm_file_delete(fcb->ca);
	fcb->ca = NULL;
}

uint32_t cache_flush_locked(struct io_fcb *fcb, uint32_t *written)
{
	return fcb->ca ? mm_file_flush(fcb->ca, 0, UINT32_MAX, written) : ERROR_SUCCESS;
}

uint32_t cache_flush_volume_locked(struct io_volume *v, uint32_t *written)
{
	uint32_t err = ERROR_SUCCESS, e, n, total = 0;

	for (struct io_fcb *fcb = v->fcbs; fcb; fcb = fcb->next) {
		if (!fcb->ca || !mm_file_is_dirty(fcb->ca))
			continue;
		e = cache_flush_locked(fcb, &n);
		total += n;
		if (e && !err)
			err = e;
	}
	if (written)
		*written = total;
	return err;
}

/* Page page of fcb's file, referenced for a copy. Short of frames, the
 * volume's dirty pages are written first (they become reclaimable, and only
 * this thread can write them: it holds the volume lock), then it waits for
 * the balance set manager a while. */
static uint32_t page_get_locked(struct io_fcb *fcb, uint32_t page, enum mm_file_get how,
				pfn_t *pfn)
{
	uint32_t err;

	for (uint32_t tries = 0;; tries++) {
		err = mm_file_page_get(fcb->ca, page, how, pfn);
		if (err != ERROR_NOT_ENOUGH_MEMORY || tries == MEMORY_TRIES)
			return err;
		if (tries == 0)
			cache_flush_volume_locked(fcb->vol, NULL);
		else
			mm_file_wait_for_memory();
	}
}

uint32_t cache_page_in_locked(struct io_fcb *fcb, uint32_t page, pfn_t *pfn)
{
	/* A view mapped while a truncation cut under it (the two do not share
	 * a lock) meets the end: an in-page error, as for a failed read. */
	if (page >= pages_for(file_size(fcb)))
		return ERROR_HANDLE_EOF;
	return page_get_locked(fcb, page, MM_FILE_READ, pfn);
}

/* --- ReadFile, WriteFile, SetEndOfFile --- */

/* Copies n bytes between a user buffer at user and frame pfn at off, through
 * the direct window, or a bounce page beyond it (the copy slot's lock
 * cannot be held while user memory faults). false: the buffer faulted. */
static bool copy_user(pfn_t pfn, uint32_t off, vaddr_t user, uint32_t n, bool to_frame)
{
	uint8_t *page = mm_frame_direct(pfn), *bounce = NULL;
	bool ok;

	if (!page && !(page = bounce = kmalloc(PAGE_SIZE)))
		return false;
	if (bounce && !to_frame)
		mm_frame_copy(pfn, off, bounce + off, n, false);
	ok = to_frame ? copy_from_user(page + off, user, n) : copy_to_user(user, page + off, n);
	if (bounce && to_frame && ok)
		mm_frame_copy(pfn, off, bounce + off, n, true);
	kfree(bounce);
	return ok;
}

/* A run of a copy: bytes [pos, pos + len) of the file, within
 * MM_FILE_CLUSTER pages, and where they go to or come from. */
struct copy_run {
	uint32_t pos, len;
	const struct io_buffer *b;
	uint32_t at;                    /* b's offset of pos */
	bool to_frame;                  /* a write */
	uint32_t old;                   /* a write: the size before it */
};

/* Page page of a write: read first unless written whole, or past the old
 * end (zeros on the volume). */
static enum mm_file_get write_how(const struct copy_run *r, uint32_t page)
{
	uint32_t start = page * PAGE_SIZE, end = r->pos + r->len;
	bool whole = r->pos <= start && end - start >= PAGE_SIZE;

	return whole || start >= r->old ? MM_FILE_FRESH : MM_FILE_READ;
}

/* Page k of run r: the bytes of it the run covers, at *off in the page. */
static uint32_t run_piece(const struct copy_run *r, uint32_t k, uint32_t *off)
{
	uint32_t page = ((r->pos >> PAGE_SHIFT) + k) << PAGE_SHIFT;
	uint32_t from = r->pos > page ? r->pos : page;
	uint32_t to = r->pos + r->len < page + PAGE_SIZE ? r->pos + r->len : page + PAGE_SIZE;

	*off = from - page;
	return to - from;
}

/* Copies the first np pages of run r between its user buffer and their
 * frames pfns: in one SMAP window when every frame is in the direct window
 * (the usual case), else a page at a time through copy_user. Returns how
 * many pages were copied whole before the buffer faulted. */
static uint32_t copy_run_user(const struct copy_run *r, const pfn_t *pfns, uint32_t np)
{
	struct uaccess_piece p[MM_FILE_CLUSTER];
	uint32_t k, off, at = 0;
	bool direct = true;

	for (k = 0; k < np; k++) {
		uint8_t *page = mm_frame_direct(pfns[k]);
		p[k].len = run_piece(r, k, &off);
		p[k].kernel = page ? page + off : NULL;
		direct = direct && page;
	}
	if (direct)
		return copy_pieces_user(r->b->user + r->at, p, np, !r->to_frame);
	for (k = 0; k < np; at += p[k].len, k++) {
		run_piece(r, k, &off);
		if (!copy_user(pfns[k], off, r->b->user + r->at + at, p[k].len, r->to_frame))
			break;
	}
	return k;
}

/* copy_run_user's work for a kernel buffer (nothing faults). */
static uint32_t copy_run_kernel(const struct copy_run *r, const pfn_t *pfns, uint32_t np)
{
	uint32_t off, n, at = 0;

	for (uint32_t k = 0; k < np; k++, at += n) {
		n = run_piece(r, k, &off);
		mm_frame_copy(pfns[k], off, r->b->kernel + r->at + at, n, r->to_frame);
	}
	return np;
}

/* Copies run r between its buffer and the file's pages: the pages are
 * referenced first (the resident ones under one PFN lock hold, the others
 * read or made one by one), then the bytes copied, the volume lock given up
 * once around the copies when the buffer is a user's (a fault on it may
 * wait for memory or the disk, and must not hold the volume meanwhile; the
 * references keep the frames, and a truncation waits for them), then the
 * references dropped under one PFN lock hold. *copied: bytes copied (a
 * prefix of the run). */
static uint32_t copy_run_locked(struct io_fcb *fcb, const struct copy_run *r, uint32_t *copied)
{
	uint32_t first = r->pos >> PAGE_SHIFT, count = ((r->pos + r->len - 1) >> PAGE_SHIFT) - first + 1;
	uint32_t np = 0, err = ERROR_SUCCESS, done, off;
	pfn_t pfns[MM_FILE_CLUSTER];

	while (np < count && !err) {
		np += mm_file_pages_get_resident(fcb->ca, first + np, count - np, pfns + np);
		if (np < count &&
		    !(err = page_get_locked(fcb, first + np,
					    r->to_frame ? write_how(r, first + np) : MM_FILE_READ,
					    &pfns[np])))
			np++;
	}
	if (!r->b->kernel)
		io_unlock(fcb->vol);
	done = r->b->kernel ? copy_run_kernel(r, pfns, np) : copy_run_user(r, pfns, np);
	mm_file_pages_put(fcb->ca, first, done, pfns, r->to_frame);
	mm_file_pages_put(fcb->ca, first + done, np - done, pfns + done, false);
	if (done < np)
		err = ERROR_NOACCESS;
	/* The references are dropped before the lock is taken again: a
	 * truncation holding it waits for them to go. */
	if (!r->b->kernel)
		io_lock(fcb->vol);
	*copied = 0;
	for (uint32_t k = 0; k < done; k++)
		*copied += run_piece(r, k, &off);
	return err;
}

/* The end of the run from pos: at most len bytes, within MM_FILE_CLUSTER pages. */
static uint32_t run_len(uint32_t pos, uint32_t len)
{
	uint32_t room = MM_FILE_CLUSTER * PAGE_SIZE - (pos & (PAGE_SIZE - 1));

	return len < room ? len : room;
}

uint32_t cache_read_locked(struct io_fcb *fcb, uint32_t offset, const struct io_buffer *b,
			   uint32_t len, uint32_t *done)
{
	uint32_t err = ERROR_SUCCESS, size, n;

	*done = 0;
	/* The size is read again for every run: another thread may have
	 * cut the file while this one copied without the lock. */
	while (!err && *done < len && offset + *done < (size = file_size(fcb))) {
		uint32_t pos = offset + *done;
		struct copy_run r = { pos, run_len(pos, len - *done), b, *done, false, 0 };
		if (r.len > size - pos)
			r.len = size - pos;
		err = copy_run_locked(fcb, &r, &n);
		*done += n;
	}
	return err;
}

/* Zeroes the rest of the page holding byte from, past the file's end, when
 * that page is in memory: it reads zero once the file grows over it, though
 * a view may have written there (never to the file). */
static void tail_zero_locked(struct io_fcb *fcb, uint32_t from)
{
	uint32_t off = from & (PAGE_SIZE - 1);
	pfn_t pfn;

	if (off && !mm_file_page_get(fcb->ca, from >> PAGE_SHIFT, MM_FILE_RESIDENT, &pfn) &&
	    pfn != PFN_NONE) {
		memset(fcb->vol->cache_buf, 0, PAGE_SIZE - off);
		mm_frame_copy(pfn, off, fcb->vol->cache_buf, PAGE_SIZE - off, true);
		mm_file_page_put(fcb->ca, from >> PAGE_SHIFT, pfn, false);
	}
}

/* Sets the file's size on the volume and its segment's; the tail of the
 * last page past the end is zeroed in memory (it reads zero as the file
 * grows over it). */
static uint32_t resize_locked(struct io_fcb *fcb, uint32_t size)
{
	uint32_t old = file_size(fcb), err;

	if (size == old)
		return ERROR_SUCCESS;
	if (size < old && !mm_file_can_truncate(fcb->ca, pages_for(size)))
		return ERROR_USER_MAPPED_FILE;
	if (size > old && (err = mm_file_resize(fcb->ca, pages_for(size))))
		return err;
	if ((err = fat_set_size(fcb->fat, size))) {
		mm_file_resize(fcb->ca, pages_for(old));        /* shrinks: cannot fail */
		return err;
	}
	if (size < old)
		mm_file_resize(fcb->ca, pages_for(size));
	tail_zero_locked(fcb, size < old ? size : old);
	return ERROR_SUCCESS;
}

uint32_t cache_set_size_locked(struct io_fcb *fcb, uint32_t size)
{
	return fcb->ca ? resize_locked(fcb, size) : fat_set_size(fcb->fat, size);
}

/* Makes the file reach *end for a write: the volume allocates (and zeroes)
 * the clusters now, so writing the pages back later never needs a cluster.
 * On a full volume *end becomes what fits, and ERROR_DISK_FULL says so. */
static uint32_t extend_locked(struct io_fcb *fcb, uint32_t *end)
{
	uint32_t size = file_size(fcb), cluster, free, total, fits, err;
	uint64_t room;

	if ((err = resize_locked(fcb, *end)) != ERROR_DISK_FULL)
		return err;
	fat_space(fcb->vol->fat, &cluster, &free, &total);
	room = ((uint64_t)size + cluster - 1) / cluster * cluster + (uint64_t)free * cluster;
	fits = room < *end ? (uint32_t)room : *end;
	if (fits > size && resize_locked(fcb, fits) == ERROR_SUCCESS)
		*end = fits;
	else
		*end = size;
	return ERROR_DISK_FULL;
}

/* Pages a write may make in memory ahead of its copy (grow_in_memory_locked). */
#define GROW_PAGES_MAX 64u

/* Makes the file reach end (above its size old) for a write from at or
 * below old, without zeroing the new clusters on the volume: the pages
 * from old's to end's are made in memory first (zero past old) and dirty,
 * so nothing reads the clusters' old bytes and the lazy writer writes them
 * whole (the write's data, or zeros where it fails). Fails (nothing
 * changed; the caller zeroes on the volume instead) when the write spans
 * more than GROW_PAGES_MAX pages, memory is short or the volume full. */
static uint32_t grow_in_memory_locked(struct io_fcb *fcb, uint32_t old, uint32_t end)
{
	uint32_t first = old >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT, err;
	pfn_t pfn;

	if (last - first >= GROW_PAGES_MAX)
		return ERROR_NOT_ENOUGH_MEMORY;
	if ((err = mm_file_resize(fcb->ca, last + 1)))
		return err;
	tail_zero_locked(fcb, old);     /* a view may have written past the end */
	for (uint32_t p = first; p <= last && !err; p++) {
		/* old's page, when partly the file's, is read while the size
		 * is still old: its part past old comes in zero. */
		bool part = p == first && (old & (PAGE_SIZE - 1));
		if (!(err = mm_file_page_get(fcb->ca, p, part ? MM_FILE_READ : MM_FILE_FRESH, &pfn)))
			mm_file_page_put(fcb->ca, p, pfn, true);
	}
	if (!err && !(err = fat_set_size_ex(fcb->fat, end, false)))
		return ERROR_SUCCESS;
	mm_file_resize(fcb->ca, pages_for(old));        /* shrinks: cannot fail */
	return err;
}

uint32_t cache_write_locked(struct io_fcb *fcb, uint32_t offset, const struct io_buffer *b,
			    uint32_t len, uint32_t *done)
{
	uint32_t old = file_size(fcb), end = offset + len, limit = mm_file_dirty_limit(), n;
	uint32_t err = ERROR_SUCCESS, full = ERROR_SUCCESS;

	*done = 0;
	if ((uint64_t)offset + len > UINT32_MAX)
		return ERROR_DISK_FULL;         /* FAT's limit, as Windows' */
	if (end > old && (offset > old || grow_in_memory_locked(fcb, old, end)) &&
	    (full = extend_locked(fcb, &end)) != ERROR_SUCCESS && full != ERROR_DISK_FULL)
		return full;
	if (offset < end)
		fat_touch(fcb->fat);
	while (!err && offset + *done < end) {
		uint32_t pos = offset + *done;
		struct copy_run r = { pos, run_len(pos, end - pos), b, *done, true, old };
		/* Cut meanwhile by another thread (this one copies without the
		 * lock): the file grows back to the end of this write. */
		if (end > file_size(fcb) && (err = extend_locked(fcb, &end)) != ERROR_SUCCESS)
			break;
		if (r.len > end - pos)
			r.len = end - pos;
		/* NT's dirty page threshold: past it, a writer writes back
		 * before it dirties more. */
		if (mm_file_dirty_pages() >= limit)
			cache_flush_volume_locked(fcb->vol, NULL);
		err = copy_run_locked(fcb, &r, &n);
		*done += n;
	}
	return err ? err : full;
}

/* --- the lazy writer --- */

void cache_wake(void)
{
	lazy_woken = true;
	wait_queue_wake_all(&lazy_wait);
}

/* One pass: the mapping references given back are settled, then every
 * dirty page of every cached file and the metadata written, volume by
 * volume. */
static void lazy_pass_once(void)
{
	uint32_t n = 0;

	for (char letter = 'C'; letter <= 'Z'; letter++) {
		struct io_volume *v = io_volume(letter);
		if (!v)
			continue;
		io_lock(v);
		mapping_settle_locked(v);
		if (mm_file_dirty_pages() || io_meta_dirty(v) || fat_has_freed(v->fat))
			file_flush_volume_locked(v, &n);
		io_unlock(v);
		arch_atomic_add(&mm_stats.cache_lazy_pages, n);
	}
}

static void lazy_writer(void *arg)
{
	(void)arg;
	for (;;) {
		/* The scheduler's lock (interrupts off) from the test to the
		 * sleep: a wake-up in between is not lost. */
		bool irq = irq_save();
		if (!lazy_woken)
			wait_queue_sleep_timeout(&lazy_wait, LAZY_TICKS);
		lazy_woken = false;
		irq_restore(irq);
		ke_acquire_guarded_mutex(&lazy_pass);
		if (!lazy_stopped)
			lazy_pass_once();
		ke_release_guarded_mutex(&lazy_pass);
	}
}

void cache_init(void)
{
	mm_file_cache_init();
	ke_init_guarded_mutex(&lazy_pass, &lazy_class);
	if (!thread_create("lazywriter", lazy_writer, NULL))
		kprintf("io: no lazy writer (out of memory): dirty pages wait for a flush\n");
	else
		mm_file_set_writer(cache_wake);
}

bool cache_pass_enter(void)
{
	ke_acquire_guarded_mutex(&lazy_pass);
	if (!lazy_stopped)
		return true;
	ke_release_guarded_mutex(&lazy_pass);
	return false;
}

void cache_pass_leave(void)
{
	ke_release_guarded_mutex(&lazy_pass);
}

void cache_settle(void)
{
	if (cache_pass_enter()) {
		lazy_pass_once();
		cache_pass_leave();
	}
}

void cache_shutdown(void)
{
	ke_acquire_guarded_mutex(&lazy_pass);
	lazy_stopped = true;
	ke_release_guarded_mutex(&lazy_pass);
	mm_file_set_writer(NULL);
}
