/* The modified page writer: NT's thread that saves trimmed, dirty pages to
 * the paging file. It takes up to a cluster of frames off the modified list
 * (they stay there, marked writing, so a soft fault can still take one
 * back), writes them to contiguous slots in one request, and moves those
 * still waiting to the standby list, where pfn_alloc can reuse them. */
#include "mm/vmspace.h"
#include "mm/swap.h"
#include "arch/cpu.h"
#include "kernel/ke/thread.h"

#define WRITER_TICKS 50u        /* it looks at least twice a second */

static struct wait_queue writer_wait;
static bool writer_woken;
static struct {                 /* the write under way, for swap_check */
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

/* Up to SWAP_CLUSTER modified frames not being written already. */
static uint32_t gather(pfn_t *frames)
{
	uint32_t n = 0;

	for (pfn_t p = pfn_modified_head(); p != PFN_NONE && n < SWAP_CLUSTER;
	     p = pfn_entry(p)->flink)
		if (!(pfn_entry(p)->flags & PFN_FLAG_WRITING))
			frames[n++] = p;
	return n;
}

/* After the write of frames to slots first..: frames still on the modified
 * list and still marked go to standby with their slot; a frame taken back
 * or freed meanwhile gives its slot up. A failed write retires its slots and
 * leaves the frames to be tried again elsewhere. */
static void settle(const pfn_t *frames, uint32_t n, uint32_t first, bool ok)
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
			pfn_from_list(frames[i]);
			pfn_to_list(frames[i], PFN_STANDBY);
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
	uint32_t n = gather(frames), first, gathered;
	bool ok;

	if (n == 0)
		return false;
	if ((n = swap_alloc(gathered = n, &first)) == 0) {
		vm_copies_release();
		if ((n = swap_alloc(gathered, &first)) == 0)
			return false;
	}
	for (uint32_t i = 0; i < n; i++)
		pfn_entry(frames[i])->flags |= PFN_FLAG_WRITING;
	in_flight.first = first;
	in_flight.n = n;
	ok = swap_io(frames, n, first, true);
	in_flight.n = 0;
	settle(frames, n, first, ok);
	vm_memory_freed();
	if (!ok)
		thread_sleep(1);
	return true;
}

void vm_writer_thread(void *arg)
{
	(void)arg;
	irq_disable();
	for (;;) {
		while (swap_present() && write_cluster())
			;
		if (!writer_woken)
			wait_queue_sleep_timeout(&writer_wait, WRITER_TICKS);
		writer_woken = false;
	}
}
