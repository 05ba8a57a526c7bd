/* Regression: one call that writes PTEs across hundreds of 4 MB chunks while
 * RAM is full of dirty pages needs a page-table frame per chunk, and those
 * frames used to come from the kernel's 16-frame reserve: the kernel
 * panicked "no frame for a charged page table". Now such a call waits for the
 * balance set manager to free what it needs (or fails with
 * ERROR_NOT_ENOUGH_MEMORY, changing nothing). Each case below first dirties
 * twice the RAM, then makes one call over 1 GB: VirtualProtect of a VAD
 * committed whole, VirtualAlloc(MEM_COMMIT) in a reservation, and a decommit
 * from the middle of a VAD committed whole. The dirty pages must all come
 * back intact. */
#include "swap-common.h"

#define TEST_NAME "swap-table-pressure"
#include "check.h"

#define SPAN (1024u << 20)

static uint32_t *hog;
static uint32_t hog_words, seed;

/* Writes a fresh pattern over the hog: RAM fills with dirty pages. */
static void dirty_ram(void)
{
	seed++;
	for (uint32_t i = 0; i < hog_words; i += 1024)
		hog[i] = swap_word(i, seed);
}

static void check_hog(const char *after)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < hog_words; i += 1024)
		bad += hog[i] != swap_word(i, seed);
	CHECK(bad == 0, "after %s, %u pages of the hog came back wrong", after, bad);
}

/* The state and protection VirtualQuery gives for p. */
static void expect_region(const char *what, void *p, DWORD state, DWORD protect)
{
	MEMORY_BASIC_INFORMATION m;

	CHECK(VirtualQuery(p, &m, sizeof(m)) == sizeof(m), "%s: VirtualQuery failed", what);
	CHECK(m.State == state && (state != MEM_COMMIT || m.Protect == protect),
	      "%s: state 0x%lx protect 0x%lx, want 0x%lx 0x%lx", what, m.State, m.Protect, state,
	      protect);
}

/* A call that failed must have failed cleanly: with ERROR_NOT_ENOUGH_MEMORY. */
static void expect_done(const char *what, BOOL ok)
{
	CHECK(ok || GetLastError() == ERROR_NOT_ENOUGH_MEMORY, "%s failed with error %lu", what,
	      GetLastError());
	printf(TEST_NAME ": %s: %s\n", what, ok ? "done" : "not enough memory");
}

/* A fresh 1 GB region of the given type, or NULL after a report. */
static char *region(DWORD type, DWORD protect)
{
	char *p = VirtualAlloc(NULL, SPAN, type, protect);

	CHECK(p != NULL, "VirtualAlloc of 1 GB (0x%lx) failed: error %lu", type, GetLastError());
	return p;
}

int main(void)
{
	struct vados_memory_status st = swap_status();
	DWORD old;
	char *p;

	hog_words = st.phys_pages * 2 * 1024;
	hog = VirtualAlloc(NULL, hog_words * 4, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	if (!hog) {
		printf(TEST_NAME ": setup failed: error %lu\n", GetLastError());
		return 1;
	}

	if ((p = region(MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)) != NULL) {
		dirty_ram();
		expect_done("protect 1 GB", VirtualProtect(p, SPAN, PAGE_READONLY, &old));
		expect_region("protected", p + SPAN / 2, MEM_COMMIT, PAGE_READONLY);
		check_hog("the protect");
		VirtualFree(p, 0, MEM_RELEASE);
	}
	if ((p = region(MEM_RESERVE, PAGE_NOACCESS)) != NULL) {
		dirty_ram();
		expect_done("commit 1 GB", VirtualAlloc(p, SPAN, MEM_COMMIT, PAGE_READWRITE) != NULL);
		expect_region("committed", p + SPAN - 4096, MEM_COMMIT, PAGE_READWRITE);
		check_hog("the commit");
		VirtualFree(p, 0, MEM_RELEASE);
	}
	if ((p = region(MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)) != NULL) {
		dirty_ram();
		expect_done("decommit 1 GB", VirtualFree(p + 4096, SPAN - 8192, MEM_DECOMMIT));
		expect_region("decommitted", p + SPAN / 2, MEM_RESERVE, 0);
		expect_region("kept", p + SPAN - 4096, MEM_COMMIT, PAGE_READWRITE);
		check_hog("the decommit");
		VirtualFree(p, 0, MEM_RELEASE);
	}

	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
