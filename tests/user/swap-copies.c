/* A page read back from swap keeps its slot as a copy while it stays clean
 * (Linux's swap cache), so trimming it again costs no write: after one pass
 * writes a pattern over twice the RAM and one pass reads it back, a second
 * read pass writes (almost) nothing. Writing the pages again makes their
 * copies stale, and those slots go. Every word is checked; releasing gives
 * every slot back.
 *
 * With argument "short": copies must give way when swap runs short. Half the
 * RAM (A) is paged out and read back (its pages now hold copies) and locked
 * while a second allocation (B) fills the commit limit: without the copies'
 * slots B's pages have nowhere to go. Nothing may be lost. */
#include <string.h>
#include "swap-common.h"
#include "token-common.h"

#define TEST_NAME "swap-copies"
#include "check.h"

/* Reads every page of buf back, checking its pattern word; the pages whose
 * word was wrong. */
static uint32_t read_pass(const volatile uint32_t *buf, uint32_t words, uint32_t seed)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < words; i += 1024)
		bad += buf[i] != swap_word(i, seed);
	return bad;
}

static void write_pass(volatile uint32_t *buf, uint32_t words, uint32_t seed)
{
	for (uint32_t i = 0; i < words; i += 1024)
		buf[i] = swap_word(i, seed);
}

/* Waits up to a second for the slots holding data to come back to want. */
static uint32_t slots_settle(uint32_t want)
{
	struct vados_memory_status st = swap_status();

	for (int i = 0; i < 100 && swap_slots_holding(&st) != want; i++) {
		Sleep(10);
		st = swap_status();
	}
	return swap_slots_holding(&st);
}

/* Checks and releases buf; the slots holding data must come back to base. */
static uint32_t release_checked(volatile uint32_t *buf, uint32_t base)
{
	VirtualFree((void *)buf, 0, MEM_RELEASE);
	uint32_t left = slots_settle(base);
	CHECK(left == base, "release left %u slots holding data (%u before)", left, base);
	return left;
}

static void copies_reused(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t pages = st.phys_pages * 2, words = pages * 1024, base = swap_slots_holding(&st);
	volatile uint32_t *buf = VirtualAlloc(NULL, pages * 4096, MEM_COMMIT | MEM_RESERVE,
					      PAGE_READWRITE);
	struct vados_mm_counters c0, c1, c2;
	uint32_t bad;

	if (!buf) {
		CHECK(0, "VirtualAlloc of %u pages failed: %lu", pages, GetLastError());
		return;
	}
	write_pass(buf, words, 1);
	bad = read_pass(buf, words, 1);
	c0 = vados_mm_counters();
	bad += read_pass(buf, words, 1);
	c1 = vados_mm_counters();
	st = swap_status();
	uint32_t rewritten = c1.swap_pages_written - c0.swap_pages_written;
	uint32_t read = c1.swap_pages_read - c0.swap_pages_read;
	uint32_t kept = c1.swap_copies_kept - c0.swap_copies_kept;
	printf(TEST_NAME ": second read pass over %u pages: %u read, %u written, %u trimmed "
	       "with their copy; %u copies now\n", pages, read, rewritten, kept,
	       st.swap_slots_copies);
	CHECK(read > pages / 4, "the second pass read only %u pages: nothing to measure", read);
	CHECK(rewritten < pages / 20, "the second read pass wrote %u of %u pages", rewritten,
	      pages);
	CHECK(kept > pages / 4, "only %u pages were trimmed with their copy", kept);
	write_pass(buf, words, 2);
	bad += read_pass(buf, words, 2);
	c2 = vados_mm_counters();
	CHECK(c2.swap_pages_written - c1.swap_pages_written > pages / 4,
	      "rewritten pages were not written again (%u writes): stale copies kept?",
	      c2.swap_pages_written - c1.swap_pages_written);
	CHECK(bad == 0, "%u pages came back wrong", bad);
	release_checked(buf, base);
}

static void copies_give_way(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t a_pages = st.phys_pages / 2, base = swap_slots_holding(&st), bad = 0;
	volatile uint32_t *a = VirtualAlloc(NULL, a_pages * 4096, MEM_COMMIT | MEM_RESERVE,
					    PAGE_READWRITE);
	struct vados_mm_counters c0 = vados_mm_counters(), c1;

	if (!a) {
		CHECK(0, "VirtualAlloc of A failed: %lu", GetLastError());
		return;
	}
	write_pass(a, a_pages * 1024, 3);
	SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
	for (int i = 0; i < 100 && swap_status().swap_slots_used < a_pages; i++)
		Sleep(20);                              /* the writer saves A */
	bad += read_pass(a, a_pages * 1024, 3);         /* back in, with copies */
	st = swap_status();
	printf(TEST_NAME ": A (%u pages) read back: %u copies\n", a_pages, st.swap_slots_copies);
	CHECK(st.swap_slots_copies > a_pages / 2, "only %u copies after reading A back",
	      st.swap_slots_copies);
	/* Locked, A stays resident with its copies whatever B does. Raising
	 * the minimum working set needs SeIncreaseWorkingSetPrivilege enabled. */
	CHECK(tk_set_own(SE_INC_WORKING_SET_NAME, TRUE), "enabling %s: error %lu",
	      SE_INC_WORKING_SET_NAME, GetLastError());
	CHECK(SetProcessWorkingSetSize(GetCurrentProcess(), (a_pages + 256) * 4096,
				       st.phys_pages * 4096) &&
	      VirtualLock((void *)a, a_pages * 4096), "locking A failed: %lu", GetLastError());
	uint32_t b_pages = st.commit_limit_pages - st.commit_charge_pages - 64;
	volatile uint32_t *b = VirtualAlloc(NULL, b_pages * 4096, MEM_COMMIT | MEM_RESERVE,
					    PAGE_READWRITE);
	if (!b) {
		CHECK(0, "VirtualAlloc of B (%u pages) failed: %lu", b_pages, GetLastError());
		return;
	}
	write_pass(b, b_pages * 1024, 4);
	bad += read_pass(b, b_pages * 1024, 4) + read_pass(a, a_pages * 1024, 3);
	c1 = vados_mm_counters();
	printf(TEST_NAME ": B (%u pages) filled the commit limit: %u copies given up\n",
	       b_pages, c1.swap_copies_dropped - c0.swap_copies_dropped);
	CHECK(c1.swap_copies_dropped > c0.swap_copies_dropped,
	      "no copy was given up: swap never ran short, the case was not tested");
	CHECK(bad == 0, "%u pages came back wrong", bad);
	VirtualFree((void *)b, 0, MEM_RELEASE);
	release_checked(a, base);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "short") == 0)
		copies_give_way();
	else
		copies_reused();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
