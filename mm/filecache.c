/* The file cache's memory: a file's control area, its prototype PTEs and
 * the frames they hold; see mm/filecache.h. Every prototype PTE and frame
 * state change is made under the PFN lock; the file's lock (held by every
 * caller) keeps two operations on one file from meeting, so a page being
 * read or written back is never asked for meanwhile. */
#include "mm/filecache.h"
#include "mm/sectionp.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/stats.h"
#include "arch/arch.h"
#include "arch/mmu.h"
#include "kernel/ke/lock.h"
#include "kernel/ke/thread.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"

static uint32_t dirty_pages;            /* of every file (PFN lock) */
static void (*writer)(void);
static const struct ke_lock_class window_class = { "cache window", KE_RANK_CACHE_WINDOW,
						   true, NULL };
static struct ke_spin_lock window_lock = { .cls = &window_class };

/* Pool pages holding n prototype PTEs. */
static uint32_t proto_pool_pages(uint32_t n)
{
	return n ? (n * 4 + PAGE_SIZE - 1) / PAGE_SIZE : 1;
}

/* The frame prototype PTE pte holds (valid or in transition), else PFN_NONE. */
static pfn_t proto_frame(uint32_t pte)
{
	if (pte & 1)
		return pte >> PAGE_SHIFT;
	return pte_kind(pte) == PTE_TRANSITION ? pte_index(pte) : PFN_NONE;
}

/* Makes frame pfn's back pointer prototype PTE proto (a pool page's). */
static void point_back(pfn_t pfn, uint32_t *proto)
{
	pfn_set_pte(pfn, (vaddr_t)proto, mmu_query((vaddr_t)proto).pfn);
}

uint32_t mm_file_create(const struct mm_file_io *io, void *file, uint32_t pages,
			struct mm_control_area **out)
{
	struct mm_control_area *ca = kmalloc(sizeof(*ca));
	uint32_t room = proto_pool_pages(pages);

	if (!ca)
		return ERROR_NOT_ENOUGH_MEMORY;
	memset(ca, 0, sizeof(*ca));
	if (!(ca->segment.proto = kpage_alloc(room))) {
		kfree(ca);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < pages; i++)
		ca->segment.proto[i] = pte_make(PTE_SUBSECTION, 0, 0);
	/* Every page has a prototype PTE, "committed" for the checker; a
	 * file's pages charge no commit (their backing store is the file). */
	ca->segment.pages = ca->segment.committed = pages;
	ca->capacity = room * PAGE_SIZE / 4;
	ca->backing = MM_BACKING_FILE;
	ca->prot = pte_prot_from_win32(PAGE_READWRITE);
	ca->section_refs = 1;           /* the file's own */
	ca->io = io;
	ca->file = file;
	pfn_lock();
	ca->next = mm_control_areas;
	mm_control_areas = ca;
	pfn_unlock();
	*out = ca;
	return ERROR_SUCCESS;
}

/* Gives up what page i's prototype PTE holds: a listed frame goes free and
 * the PTE says "on the file". A frame in use is a kernel bug (the file's lock
 * excludes copies; a section or view past a new end refuses the truncation:
 * mm_file_can_truncate). */
static void page_drop_locked(struct mm_control_area *ca, uint32_t i)
{
	uint32_t *proto = &ca->segment.proto[i];
	pfn_t pfn = proto_frame(*proto);
	struct pfn_entry *e;

	if (pfn == PFN_NONE)
		return;
	e = pfn_entry(pfn);
	if ((*proto & 1) || e->state == PFN_ACTIVE)
		panic("filecache: dropping page %u in use (prototype PTE 0x%08x)", i, *proto);
	if (e->state == PFN_MODIFIED) {
		ca->dirty--;
		dirty_pages--;
	}
	pfn_from_list_locked(pfn);
	e->flags = 0;
	e->original_pte = 0;
	pfn_free_locked(pfn);
	*proto = pte_make(PTE_SUBSECTION, 0, 0);
}

void mm_file_delete(struct mm_control_area *ca)
{
	struct mm_control_area **link = &mm_control_areas;

	pfn_lock();
	filews_release_locked(ca, 0);
	for (uint32_t i = 0; i < ca->segment.pages; i++)
		page_drop_locked(ca, i);
	while (*link != ca)
		link = &(*link)->next;
	*link = ca->next;
	pfn_unlock();
	kpage_free(ca->segment.proto);
	while (ca->retired) {
		void *next = *(void **)ca->retired;
		kpage_free(ca->retired);
		ca->retired = next;
	}
	kfree(ca);
}

/* Moves the segment's prototype PTEs to a pool block of room pages, each
 * frame's back pointer with them (the repurposing allocator follows those
 * under the PFN lock, so they change together). */
static uint32_t segment_move(struct mm_control_area *ca, uint32_t room)
{
	uint32_t *fresh = kpage_alloc(room), *old = ca->segment.proto;

	if (!fresh)
		return ERROR_NOT_ENOUGH_MEMORY;
	pfn_lock();
	for (uint32_t i = 0; i < ca->segment.pages; i++) {
		pfn_t pfn = proto_frame(old[i]);
		fresh[i] = old[i];
		if (pfn != PFN_NONE)
			point_back(pfn, &fresh[i]);
	}
	ca->segment.proto = fresh;
	ca->capacity = room * PAGE_SIZE / 4;
	/* A fault through a view may hold a pointer into the old block
	 * without the PFN lock (mm/protofault.c): while views map the file the
	 * block stays, unchanged (its values go stale, which such a fault
	 * survives: it looks again under the lock), until the control area
	 * goes. Its first word links it. */
	if (ca->mapped_views) {
		*(void **)old = ca->retired;
		ca->retired = old;
		old = NULL;
	}
	pfn_unlock();
	if (old)
		kpage_free(old);
	return ERROR_SUCCESS;
}

/* Whether a page from first on is referenced by a copy (PFN lock held). */
static bool copies_past_locked(const struct mm_control_area *ca, uint32_t first)
{
	for (uint32_t i = first; i < ca->segment.pages; i++)
		if (ca->segment.proto[i] & 1)
			return true;
	return false;
}

uint32_t mm_file_resize(struct mm_control_area *ca, uint32_t pages)
{
	uint32_t err, want;

	if (pages > ca->capacity) {
		/* Doubling: a file written sequentially moves its segment
		 * log(size) times. */
		want = pages > 2 * ca->capacity ? pages : 2 * ca->capacity;
		if ((err = segment_move(ca, proto_pool_pages(want))) != ERROR_SUCCESS)
			return err;
	}
	pfn_lock();
	/* A copy to or from a user buffer holds its page without the file's
	 * lock; it ends without taking it, so waiting here holding it is safe.
	 * Its end gives the page to the file cache's working set, which lets
	 * it go again. */
	for (filews_release_locked(ca, pages); copies_past_locked(ca, pages);
	     filews_release_locked(ca, pages)) {
		pfn_unlock();
		thread_sleep(1);
		pfn_lock();
	}
	for (uint32_t i = pages; i < ca->segment.pages; i++)
		page_drop_locked(ca, i);
	for (uint32_t i = ca->segment.pages; i < pages; i++)
		ca->segment.proto[i] = pte_make(PTE_SUBSECTION, 0, 0);
	ca->segment.pages = ca->segment.committed = pages;
	pfn_unlock();
	return ERROR_SUCCESS;
}

pfn_t file_page_ref_locked(struct mm_control_area *ca, uint32_t i)
{
	uint32_t *proto = &ca->segment.proto[i];
	pfn_t pfn = proto_frame(*proto);
	struct pfn_entry *e;

	if (pfn == PFN_NONE)
		return PFN_NONE;
	e = pfn_entry(pfn);
	if (*proto & 1) {
		e->share++;
		return pfn;
	}
	if (e->state == PFN_ACTIVE)     /* being read: the file's lock rules it out */
		panic("filecache: page %u is being read (frame 0x%x)", i, pfn);
	*proto = pfn << PAGE_SHIFT | 1 | (e->state == PFN_MODIFIED ? PTE_PROTO_DIRTY : 0);
	pfn_from_list_locked(pfn);
	e->share = 1;
	return pfn;
}

/* Frame pfn, just allocated, becomes page i's: valid with one reference
 * (reading false) or in transition and being read (reading true). */
static void page_install_locked(struct mm_control_area *ca, uint32_t i, pfn_t pfn, bool reading)
{
	uint32_t *proto = &ca->segment.proto[i];
	struct pfn_entry *e = pfn_entry(pfn);

	point_back(pfn, proto);
	e->original_pte = pte_make(PTE_SUBSECTION, 0, 0);
	e->flags = reading ? PFN_FLAG_READING : 0;
	*proto = reading ? pte_make(PTE_TRANSITION, 0, pfn) : pfn << PAGE_SHIFT | 1;
}

/* Takes frames for page first and the pages after it that are on the file
 * too, up to MM_FILE_CLUSTER (the first only when zeroing it), each
 * installed as being read. Returns how many (0: no frame at all). */
static uint32_t cluster_take_locked(struct mm_control_area *ca, uint32_t first, bool zero,
				    pfn_t *frames)
{
	uint32_t n = 0, max = zero ? 1 : MM_FILE_CLUSTER;

	while (n < max && first + n < ca->segment.pages &&
	       pte_is_subsection(ca->segment.proto[first + n])) {
		pfn_t pfn = pfn_alloc_locked(PFN_USER | (zero ? PFN_ZERO : 0));
		if (pfn == PFN_NONE)
			break;
		page_install_locked(ca, first + n, pfn, true);
		frames[n++] = pfn;
	}
	return n;
}

/* After the read of frames into pages first..first+n: the first page is
 * valid with the caller's reference, the others go to standby; a failed
 * read puts them all back on the file. */
static void cluster_done_locked(struct mm_control_area *ca, uint32_t first, const pfn_t *frames,
				uint32_t n, bool ok)
{
	for (uint32_t k = 0; k < n; k++) {
		struct pfn_entry *e = pfn_entry(frames[k]);
		e->flags = 0;
		if (!ok) {
			ca->segment.proto[first + k] = pte_make(PTE_SUBSECTION, 0, 0);
			e->original_pte = 0;
			pfn_free_locked(frames[k]);
		} else if (k == 0) {
			ca->segment.proto[first] = frames[0] << PAGE_SHIFT | 1;
		} else {
			e->share = 0;
			pfn_to_list_locked(frames[k], PFN_STANDBY);
		}
	}
}

uint32_t mm_file_page_get(struct mm_control_area *ca, uint32_t page, enum mm_file_get how,
			  pfn_t *out)
{
	pfn_t frames[MM_FILE_CLUSTER];
	uint32_t n, err = ERROR_SUCCESS;

	if (page >= ca->segment.pages)
		panic("filecache: page %u past the segment's %u", page, ca->segment.pages);
	pfn_lock();
	*out = file_page_ref_locked(ca, page);
	if (*out != PFN_NONE || how == MM_FILE_RESIDENT) {
		pfn_unlock();
		if (*out != PFN_NONE)
			mm_count(&mm_stats.cache_hits);
		return ERROR_SUCCESS;
	}
	n = cluster_take_locked(ca, page, how == MM_FILE_FRESH, frames);
	pfn_unlock();
	if (n == 0)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (how == MM_FILE_READ) {
		/* No spinlock while the disk works; the file's lock keeps
		 * everyone else off these pages. */
		err = ca->io->read(ca->file, page, n, frames);
		arch_atomic_add(&mm_stats.cache_pages_read, err ? 0 : n);
	}
	pfn_lock();
	cluster_done_locked(ca, page, frames, n, err == ERROR_SUCCESS);
	pfn_unlock();
	vm_in_page_wake();      /* views' faults that collided with this read */
	mm_count(&mm_stats.cache_misses);
	*out = err ? PFN_NONE : frames[0];
	return err;
}

/* Frame pfn (valid, share 0 now), which prototype PTE proto names, goes to
 * the modified list when proto says dirty, else to standby. */
static void proto_unref_locked(uint32_t *proto, pfn_t pfn)
{
	bool dirty = *proto & PTE_PROTO_DIRTY;

	*proto = pte_make(PTE_TRANSITION, 0, pfn);
	pfn_to_list_locked(pfn, dirty ? PFN_MODIFIED : PFN_STANDBY);
}

void file_page_unref_locked(struct mm_control_area *ca, uint32_t i, pfn_t pfn)
{
	proto_unref_locked(&ca->segment.proto[i], pfn);
}

void file_frame_unref_locked(pfn_t pfn)
{
	struct pfn_entry *e = pfn_entry(pfn);

	if (--e->share == 0)
		proto_unref_locked((uint32_t *)e->pte, pfn);
}

void file_page_dirty_locked(struct mm_control_area *ca, uint32_t i)
{
	uint32_t *proto = &ca->segment.proto[i];

	if (!(*proto & PTE_PROTO_DIRTY)) {
		*proto |= PTE_PROTO_DIRTY;
		ca->dirty++;
		dirty_pages++;
	}
}

uint32_t mm_file_pages_get_resident(struct mm_control_area *ca, uint32_t page, uint32_t n,
				    pfn_t *out)
{
	uint32_t k = 0;

	if (page + n > ca->segment.pages)
		panic("filecache: pages %u+%u past the segment's %u", page, n, ca->segment.pages);
	pfn_lock();
	while (k < n && (out[k] = file_page_ref_locked(ca, page + k)) != PFN_NONE)
		k++;
	pfn_unlock();
	if (k)
		arch_atomic_add(&mm_stats.cache_hits, k);
	return k;
}

void mm_file_pages_put(struct mm_control_area *ca, uint32_t page, uint32_t n, const pfn_t *pfns,
		       bool written)
{
	if (n == 0)
		return;
	pfn_lock();
	for (uint32_t k = 0; k < n; k++) {
		/* Found under the lock: a copier without the file's lock
		 * meets a segment that grew, and moved, meanwhile
		 * (segment_move). */
		uint32_t *proto = &ca->segment.proto[page + k];
		pfn_t pfn = pfns[k];
		if (!(*proto & 1) || *proto >> PAGE_SHIFT != pfn || pfn_entry(pfn)->share == 0)
			panic("filecache: put of page %u frame 0x%x, its PTE holds 0x%08x",
			      page + k, pfn, *proto);
		if (written)
			file_page_dirty_locked(ca, page + k);
		/* The last copy's reference stays, the working set's now: the
		 * next copy of the page finds it valid. */
		if (pfn_entry(pfn)->share == 1 && filews_keep_locked(pfn))
			continue;
		if (--pfn_entry(pfn)->share == 0)
			file_page_unref_locked(ca, page + k, pfn);
	}
	pfn_unlock();
}

void mm_file_page_put(struct mm_control_area *ca, uint32_t page, pfn_t pfn, bool written)
{
	mm_file_pages_put(ca, page, 1, &pfn, written);
}

/* Takes the dirty pages from first on (up to MM_FILE_CLUSTER consecutive
 * ones, below end) for writing: off the modified list, or valid with their
 * prototype PTE dirty (mapped by views, or copied to); valid, clean from now
 * on (a write meanwhile dirties them again: a copy's end or a view's dirty
 * bit when collected), one reference more each. */
static uint32_t dirty_run_take_locked(struct mm_control_area *ca, uint32_t first, uint32_t end,
				      bool valid_too, pfn_t *frames)
{
	uint32_t n = 0;

	while (n < MM_FILE_CLUSTER && first + n < end && first + n < ca->segment.pages) {
		uint32_t *proto = &ca->segment.proto[first + n];
		pfn_t pfn = proto_frame(*proto);
		if (valid_too && pfn != PFN_NONE && (*proto & 1) && (*proto & PTE_PROTO_DIRTY)) {
			pfn_entry(pfn)->share++;
			*proto &= ~PTE_PROTO_DIRTY;
		} else if (pfn != PFN_NONE && !(*proto & 1) &&
			   pfn_entry(pfn)->state == PFN_MODIFIED) {
			pfn_from_list_locked(pfn);
			pfn_entry(pfn)->share = 1;
			*proto = pfn << PAGE_SHIFT | 1;
		} else {
			break;
		}
		ca->dirty--;
		dirty_pages--;
		frames[n++] = pfn;
	}
	return n;
}

/* Writes the dirty pages of [first, end): those on the modified list, and
 * the valid ones too when valid_too; see mm_file_flush. */
static uint32_t file_write_back(struct mm_control_area *ca, uint32_t first, uint32_t end,
				bool valid_too, uint32_t *written)
{
	pfn_t frames[MM_FILE_CLUSTER];
	uint32_t err = ERROR_SUCCESS, e, n, count = 0;

	for (uint32_t i = first; i < end && i < ca->segment.pages && ca->dirty; i += n ? n : 1) {
		/* Only pages in transition can be on the modified list: the
		 * others (most of a file in the working set) are passed over
		 * without the PFN lock (the file's lock keeps the segment). */
		n = 0;
		if (!valid_too && pte_kind(ca->segment.proto[i]) != PTE_TRANSITION)
			continue;
		pfn_lock();
		n = dirty_run_take_locked(ca, i, end, valid_too, frames);
		pfn_unlock();
		if (n == 0)
			continue;
		e = ca->io->write(ca->file, i, n, frames);
		pfn_lock();
		for (uint32_t k = 0; k < n; k++) {
			if (e)          /* still to be written: dirty again */
				file_page_dirty_locked(ca, i + k);
			if (--pfn_entry(frames[k])->share == 0)
				file_page_unref_locked(ca, i + k, frames[k]);
		}
		pfn_unlock();
		if (e && !err)
			err = e;
		count += e ? 0 : n;
		arch_atomic_add(&mm_stats.cache_pages_written, e ? 0 : n);
	}
	if (written)
		*written = count;
	return err;
}

/* Section objects and views on ca (PFN lock held); its own section
 * reference is the file's. */
static uint32_t users_locked(const struct mm_control_area *ca)
{
	return ca->section_refs - 1 + ca->mapped_views;
}

bool mm_file_section_reference(struct mm_control_area *ca, uint32_t pages)
{
	bool first;

	pfn_lock();
	first = users_locked(ca) == 0;
	if (first || pages > ca->user_pages)
		ca->user_pages = pages;
	ca->section_refs++;
	pfn_unlock();
	return first;
}

bool mm_file_mapped(struct mm_control_area *ca)
{
	bool mapped;

	pfn_lock();
	mapped = users_locked(ca) != 0;
	pfn_unlock();
	return mapped;
}

bool mm_file_can_truncate(struct mm_control_area *ca, uint32_t pages)
{
	bool can;

	pfn_lock();
	can = users_locked(ca) == 0 || pages >= ca->user_pages;
	pfn_unlock();
	return can;
}

bool file_section_unref_locked(struct mm_control_area *ca, bool view)
{
	if (view)
		ca->mapped_views--;
	else
		ca->section_refs--;
	if (users_locked(ca) != 0)
		return false;
	ca->user_pages = 0;
	return true;
}

uint32_t mm_file_flush(struct mm_control_area *ca, uint32_t first, uint32_t end,
		       uint32_t *written)
{
	return file_write_back(ca, first, end, true, written);
}

uint32_t mm_file_write_modified(struct mm_control_area *ca, uint32_t *written)
{
	return file_write_back(ca, 0, UINT32_MAX, false, written);
}

bool mm_file_is_dirty(const struct mm_control_area *ca)
{
	return ca->dirty != 0;
}

void *mm_frame_direct(pfn_t pfn)
{
	return arch_phys_to_virt((paddr_t)pfn << PAGE_SHIFT, PAGE_SIZE);
}

void mm_frame_copy(pfn_t pfn, uint32_t offset, void *buf, uint32_t n, bool to_frame)
{
	uint8_t *page = mm_frame_direct(pfn);

	if (offset > PAGE_SIZE || n > PAGE_SIZE - offset)
		panic("filecache: copy of %u bytes at %u of a page", n, offset);
	bool windowed = !page;

	if (windowed) {
		/* Beyond the direct window: one slot, one copier at a time
		 * (kernel memory both sides: nothing faults under the lock). */
		ke_acquire_spin_lock(&window_lock);
		page = mmu_temp_map(TEMP_CACHE, pfn);
	}
	if (to_frame)
		memcpy(page + offset, buf, n);
	else
		memcpy(buf, page + offset, n);
	if (windowed) {
		mmu_temp_unmap(TEMP_CACHE);
		ke_release_spin_lock(&window_lock);
	}
}

uint32_t mm_file_dirty_pages(void)
{
	return dirty_pages;
}

uint32_t mm_file_dirty_limit(void)
{
	struct pfn_totals t;

	pfn_get_totals(&t);
	return t.managed / 8;
}

void mm_file_wait_for_memory(void)
{
	vm_balance_want(MM_FILE_CLUSTER);
	vm_balance_wake();
	mm_file_writer_wake();
	thread_sleep(1);
}

void mm_file_set_writer(void (*wake)(void))
{
	writer = wake;
}

void mm_file_writer_wake(void)
{
	if (writer)
		writer();
}
