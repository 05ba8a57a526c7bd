/* Commit charge; see mm/commit.h. */
#include "mm/commit.h"
#include "mm/pfn.h"
#include "mm/sectionp.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"

static uint32_t limit = 0xffffffffu;    /* no limit until commit_init */
static uint32_t charged;
static uint32_t peak;                   /* the highest charge since boot */
static uint32_t active_at_init;         /* frames in use then, outside the charge */
static const struct ke_lock_class commit_class = { "commit charge", KE_RANK_COMMIT, true, NULL };
static struct ke_spin_lock commit_lock = { .cls = &commit_class };

void commit_init(void)
{
	struct pfn_totals t;
	uint32_t avail;

	pfn_get_totals(&t);
	avail = t.on_list[PFN_FREE] + t.on_list[PFN_ZEROED] + charged;
	limit = avail > COMMIT_KERNEL_RESERVE ? avail - COMMIT_KERNEL_RESERVE : 0;
	active_at_init = t.active - charged;
}

void commit_add_limit(uint32_t pages)
{
	ke_acquire_spin_lock(&commit_lock);
	limit += pages;
	ke_release_spin_lock(&commit_lock);
}

bool commit_charge(uint32_t pages)
{
	bool ok;

	ke_acquire_spin_lock(&commit_lock);
	if ((ok = pages <= limit - charged))
		charged += pages;
	if (charged > peak)
		peak = charged;
	ke_release_spin_lock(&commit_lock);
	return ok;
}

void commit_return(uint32_t pages)
{
	ke_acquire_spin_lock(&commit_lock);
	if (pages > charged)
		panic("commit_return: returning %u pages with only %u charged", pages, charged);
	charged -= pages;
	ke_release_spin_lock(&commit_lock);
}

uint32_t commit_limit(void)
{
	return limit;
}

uint32_t commit_charged(void)
{
	return charged;
}

uint32_t commit_peak(void)
{
	return peak;
}

uint32_t commit_check(void)
{
	struct pfn_totals t;

	pfn_get_totals(&t);
	/* Image pages and the file cache's working set are backed by their
	 * files: resident, they are not charged. */
	if (charged > limit ||
	    t.active > active_at_init + charged + image_frames_resident() + filews_members()) {
		kprintf("commit_check: %u frames active (%u at start), %u charged, limit %u\n",
			t.active, active_at_init, charged, limit);
		return 1;
	}
	return 0;
}
