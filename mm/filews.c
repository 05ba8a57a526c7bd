/* The file cache's working set (NT's system cache working set, in the
 * small): a file page that a ReadFile or WriteFile copy lets go stays valid,
 * one reference on it held here, so the next copy of it takes a reference
 * (share + 1) instead of taking the frame off the standby list and putting it
 * back (a 64 KB warm read spent a sixth of its time on those lists). The set
 * is a ring of frames, oldest first; a member's slot is kept in its PFN
 * entry's blink (list links are unused while a frame is active; the section
 * checker borrows flink), and a frame is a member exactly when the slot its
 * blink names holds it (a slot left is emptied). Frames leave it oldest first when it is full, and when the
 * balance set manager or the allocator needs memory (filews_trim_locked:
 * clean ones become standby, dirty ones modified, for the mapped page
 * writer), and when their page is dropped (truncation, a control area's end:
 * filews_release_locked). Everything here runs under the PFN lock. */
#include "mm/sectionp.h"
#include "mm/filecache.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "kernel/rtl/panic.h"

#define FILEWS_MAX 65536u      /* members at most */

static pfn_t *ring;             /* slots, PFN_NONE where a frame left early */
static uint32_t capacity, oldest, used, members;

void mm_file_cache_init(void)
{
	struct pfn_totals t;
	uint32_t pages;

	/* Half of memory, 256 MB at most (a ring of 256 KB): the balance set
	 * manager trims it as it does process working sets when memory runs
	 * low. */
	pfn_get_totals(&t);
	pages = ((t.managed / 2 < FILEWS_MAX ? t.managed / 2 : FILEWS_MAX) * sizeof(pfn_t) +
		 PAGE_SIZE - 1) / PAGE_SIZE;
	if ((ring = kpage_alloc(pages)))
		capacity = pages * PAGE_SIZE / sizeof(pfn_t);
}

/* Frees slot s, whose frame pfn leaves the set: the set's reference on it
 * goes (the last one puts it on its list). */
static void slot_drop_locked(uint32_t s, pfn_t pfn)
{
	struct pfn_entry *e = pfn_entry(pfn);

	ring[s] = PFN_NONE;
	e->blink = PFN_NONE;
	members--;
	file_frame_unref_locked(pfn);
}

/* Takes the oldest slot off the ring, dropping its frame if one is there.
 * Returns that frame, or PFN_NONE for an empty slot. */
static pfn_t ring_pop_locked(void)
{
	uint32_t s = oldest;
	pfn_t pfn = ring[s];

	oldest = (oldest + 1) % capacity;
	used--;
	if (pfn != PFN_NONE)
		slot_drop_locked(s, pfn);
	return pfn;
}

/* Whether frame pfn is in the set. */
static bool member(pfn_t pfn)
{
	uint32_t s = pfn_entry(pfn)->blink;

	return s < capacity && ring[s] == pfn;
}

bool filews_keep_locked(pfn_t pfn)
{
	struct pfn_entry *e = pfn_entry(pfn);
	uint32_t s;

	if (!capacity)
		return false;
	if (member(pfn))
		panic("filews: frame 0x%x kept twice", pfn);
	while (used == capacity)
		ring_pop_locked();
	s = (oldest + used++) % capacity;
	ring[s] = pfn;
	e->blink = s;
	members++;
	return true;
}

void filews_release_locked(struct mm_control_area *ca, uint32_t first)
{
	for (uint32_t i = first; i < ca->segment.pages && members; i++) {
		uint32_t pte = ca->segment.proto[i];
		if ((pte & 1) && member(pte >> PAGE_SHIFT))
			slot_drop_locked(pfn_entry(pte >> PAGE_SHIFT)->blink, pte >> PAGE_SHIFT);
	}
}

uint32_t filews_trim_locked(uint32_t n)
{
	uint32_t dropped = 0;

	while (dropped < n && used)
		dropped += ring_pop_locked() != PFN_NONE;
	return dropped;
}

uint32_t filews_members(void)
{
	return members;
}
