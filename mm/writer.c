/* The modified page writer: NT's thread that saves trimmed, dirty pages to
 * the paging file (file pages go to their files: mm/filecache.h). It takes up to a cluster of frames off the modified list
 * (they stay there, marked writing, so a soft fault can still take one
 * back), writes them to contiguous slots in one request, and moves those
 * still waiting to the standby list, where pfn_alloc can reuse them.
 *
 * It works under the PFN lock (the modified list, the frames' marks, the
 * slots it takes and in_flight, which swap_check reads under that lock)
 * and holds no lock while the disk writes. */
#include "mm/vmspace.h"
#include "mm/swap.h"
#include "mm/filecache.h"
#include "arch/cpu.h"
#include "kernel/ke/thread.h"

#define WRITER_TICKS 50u        /* it looks at least twice a second */

static struct wait_queue writer_wait;
static bool writer_woken;
static struct {                 /* the write under way, for swap_check (PFN lock) */
	uint32_t first, n;
} in_flight;

void vm_writer_wake(void)
{
	writer_woken = true;
	wait_queue_wake_all(&writer_wait);
}

uint32_t vm_writer_in_flight(uint32_t *first)
{
	*first = in_flight.first;
	return in_flight.n;
}

/* Up to SWAP_CLUSTER modified frames not being written already. File pages
 * go to their file, never to swap: the file cache's writers take them
 * (mm/filecache.h), woken here. */
static uint32_t gather_locked(pfn_t *frames)
{
	uint32_t n = 0;

	for (pfn_t p = pfn_modified_head_locked(); p != PFN_NONE && n < SWAP_CLUSTER;
	     p = pfn_entry(p)->flink)
		if (!pte_is_subsection(pfn_entry(p)->original_pte) &&
		    !(pfn_entry(p)->flags & PFN_FLAG_WRITING))
			frames[n++] = p;
	return n;
}

/* Claims a cluster to write: frames from the modified list, marked writing,
 * and contiguous slots for them (recorded in in_flight). Returns how many;
 * 0 with *full when there were frames but no slot. */
static uint32_t claim(pfn_t *frames, uint32_t *first, bool *full)
{
	uint32_t n, gathered;

	pfn_lock();
	n = swap_alloc(gathered = gather_locked(frames), first);
	*full = gathered && !n;
	for (uint32_t i = 0; i < n; i++)
		pfn_entry(frames[i])->flags |= PFN_FLAG_WRITING;
	in_flight.first = *first;
	in_flight.n = n;
	pfn_unlock();
	return n;
}

/* After the write of frames to slots first..: frames still on the modified
 * list and still marked go to standby with their slot; a frame taken back
 * or freed meanwhile gives its slot up. A failed write retires its slots and
 * leaves the frames to be tried again elsewhere. */
static void settle_locked(const pfn_t *frames, uint32_t n, uint32_t first, bool ok)
{
	for (uint32_t i = 0; i < n; i++) {
		struct pfn_entry *e = pfn_entry(frames[i]);
		bool ours = e->state == PFN_MODIFIED && (e->flags & PFN_FLAG_WRITING);
		if (ours)
			e->flags &= ~PFN_FLAG_WRITING;
		if (!ok) {
			swap_retire(first + i);
		} else if (!ours) {
			swap_free(first + i);
		} else {
			e->original_pte = pte_make(PTE_PAGED_OUT, 0, first + i);
			pfn_from_list_locked(frames[i]);
			pfn_to_list_locked(frames[i], PFN_STANDBY);
		}
	}
}

/* Writes one cluster; false when there was nothing to write or no room.
 * A failed write makes the writer pause a tick before the next: it runs
 * above every ring-3 thread, and a disk that refuses every write must not
 * keep them from running. */
static bool write_cluster(void)
{
	pfn_t frames[SWAP_CLUSTER];
	uint32_t n, first;
	bool ok, full;

	if ((n = claim(frames, &first, &full)) == 0 && full) {
		vm_copies_release();
		n = claim(frames, &first, &full);
	}
	if (n == 0)
		return false;
	ok = swap_io(frames, n, first, true);
	pfn_lock();
	settle_locked(frames, n, first, ok);
	in_flight.n = 0;
	pfn_unlock();
	vm_memory_freed();
	if (!ok)
		thread_sleep(1);
	return true;
}

void vm_writer_thread(void *arg)
{
	(void)arg;
	for (;;) {
		while (swap_present() && write_cluster())
			;
		/* Woken for memory (the balance set manager saw modified
		 * pages): the file cache's share goes to the files now. */
		if (writer_woken && mm_file_dirty_pages())
			mm_file_writer_wake();
		/* The scheduler's lock (interrupts off) from the test to the
		 * sleep: a wake-up in between is not lost. */
		bool irq = irq_save();
		if (!writer_woken)
			wait_queue_sleep_timeout(&writer_wait, WRITER_TICKS);
		writer_woken = false;
		irq_restore(irq);
	}
}
