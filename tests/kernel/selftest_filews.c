/* The file cache's working set (mm/filews.c) on a control area whose "file"
 * is this test's: copies' pages stay valid after the copy, found again
 * without list work, written back in place, trimmed to the standby and
 * modified lists, let go before truncation and deletion. */
#include "tests/kernel/selftest.h"
#include "kernel/rtl/winerror.h"
#include "mm/filecache.h"
#include "mm/pfn.h"
#include "mm/pool.h"
#include "mm/sectionp.h"

#define PAGES 8u

static uint32_t pages_written;

/* Page p of the test's file holds the word p + 1 at its start. */
static uint32_t fake_read(void *file, uint32_t page, uint32_t n, const pfn_t *frames)
{
	(void)file;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t word = page + k + 1;
		mm_frame_copy(frames[k], 0, &word, sizeof(word), true);
	}
	return ERROR_SUCCESS;
}

static uint32_t fake_write(void *file, uint32_t page, uint32_t n, const pfn_t *frames)
{
	(void)file, (void)page, (void)frames;
	pages_written += n;
	return ERROR_SUCCESS;
}

static const struct mm_file_io fake_io = { fake_read, fake_write, NULL, NULL, NULL, NULL };

static uint32_t first_word(pfn_t pfn)
{
	uint32_t word;

	mm_frame_copy(pfn, 0, &word, sizeof(word), false);
	return word;
}

/* Frames in use outside the pool (which keeps some pages it freed). */
static uint32_t frames_in_use(void)
{
	struct pfn_totals t;
	struct pool_stats p;

	pfn_get_totals(&t);
	pool_get_stats(&p);
	return t.active - p.pages;
}

static uint32_t members(void)
{
	uint32_t n;

	pfn_lock();
	n = filews_members();
	pfn_unlock();
	return n;
}

/* Copies every page once (the first read brings them all in: one cluster),
 * the last one writing; true when each page came with its word. */
static bool copy_all(struct mm_control_area *ca, pfn_t *frames)
{
	bool ok = true;

	for (uint32_t p = 0; p < PAGES; p++) {
		ok &= mm_file_page_get(ca, p, MM_FILE_READ, &frames[p]) == ERROR_SUCCESS &&
		      first_word(frames[p]) == p + 1;
		mm_file_page_put(ca, p, frames[p], p == PAGES - 1);
	}
	return ok;
}

/* Empties the working set. */
static void trim(void)
{
	pfn_lock();
	filews_trim_locked(UINT32_MAX);
	pfn_unlock();
}

static bool trim_all(uint32_t standby, uint32_t modified)
{
	trim();
	return selftest_expect(members() == 0, "members left after a full trim") &
	       selftest_expect(pfn_list_count(PFN_STANDBY) == standby + PAGES - 1 &&
			       pfn_list_count(PFN_MODIFIED) == modified + 1,
			       "trimmed pages not on the standby (clean) and modified (dirty) lists");
}

bool selftest_file_working_set(const struct boot_info *bi, const struct kernel_options *opt)
{
	struct mm_control_area *ca;
	pfn_t frames[PAGES], again;
	uint32_t in_use, standby, modified;
	bool ok;

	(void)bi, (void)opt;
	trim();         /* what boot copied: the counts below start from none */
	in_use = frames_in_use();
	standby = pfn_list_count(PFN_STANDBY);
	modified = pfn_list_count(PFN_MODIFIED);
	if (!selftest_expect(mm_file_create(&fake_io, NULL, PAGES, &ca) == ERROR_SUCCESS,
			     "no control area"))
		return false;
	ok = selftest_expect(copy_all(ca, frames), "a page came without its word");
	ok &= selftest_expect(members() == PAGES, "copied pages are not in the working set");
	ok &= selftest_expect(pfn_list_count(PFN_STANDBY) == standby &&
			      pfn_list_count(PFN_MODIFIED) == modified,
			      "copied pages went to a list");
	/* Found again: the same frame, nothing taken off a list. */
	ok &= selftest_expect(mm_file_pages_get_resident(ca, 0, 1, &again) == 1 &&
			      again == frames[0] && pfn_entry(again)->share == 2,
			      "a member was not found valid with the working set's reference");
	mm_file_page_put(ca, 0, again, false);
	ok &= selftest_expect(pfn_entry(again)->share == 1 && members() == PAGES,
			      "a second copy's end changed the working set");
	/* Written back in place: the dirty member stays valid, clean. */
	ok &= selftest_expect(mm_file_is_dirty(ca), "a written member is not dirty");
	ok &= selftest_expect(mm_file_flush(ca, 0, PAGES, NULL) == ERROR_SUCCESS &&
			      pages_written == 1 && !mm_file_is_dirty(ca) &&
			      pfn_entry(frames[PAGES - 1])->state == PFN_ACTIVE,
			      "a dirty member was not written back in place");
	mm_file_page_get(ca, PAGES - 1, MM_FILE_READ, &again);
	mm_file_page_put(ca, PAGES - 1, again, true);
	ok &= trim_all(standby, modified);
	/* Members past a new end and at the end are let go first. */
	ok &= selftest_expect(copy_all(ca, frames), "pages lost by the trim");
	ok &= selftest_expect(mm_file_resize(ca, PAGES / 2) == ERROR_SUCCESS &&
			      members() == PAGES / 2, "truncation kept members past the end");
	mm_file_delete(ca);
	return ok & selftest_expect(members() == 0 && frames_in_use() == in_use,
				    "the control area's end left frames in use");
}
