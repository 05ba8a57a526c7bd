/* Write watch (VirtualAlloc with MEM_WRITE_WATCH, GetWriteWatch,
 * ResetWriteWatch) against the Windows contract:
 *
 *   write-watch        written pages reported in address order (reads are
 *       not writes), a short array and WRITE_WATCH_FLAG_RESET resetting only
 *       what was reported, ResetWriteWatch, a written page that went
 *       PAGE_NOACCESS and back, a reservation committed later, and the
 *       argument errors (ERROR_INVALID_PARAMETER, ERROR_NOACCESS with
 *       nothing reset)
 *   write-watch swap   a watched region larger than RAM: every page written
 *       is reported although most went to swap; read back it reports
 *       nothing; every third page written again, then everything pushed out
 *       and read back, reports exactly those; no byte is lost on the way
 *       (resets must not make paging forget a dirty page) */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "write-watch"
#include "check.h"

#define PAGE  4096u
#define PAGES 64u
#define SWAP_PAGES (24u * 256)          /* 24 MB: more than the 16 MB machine */

static PVOID found[SWAP_PAGES];

/* The written pages of [p, p + pages) (at most room, flags as given);
 * their number, or -1 after printing the error. */
static int written(char *p, DWORD pages, ULONG_PTR room, DWORD flags)
{
	ULONG_PTR count = room;
	DWORD granularity = 0;
	UINT r = GetWriteWatch(flags, p, pages * PAGE, found, &count, &granularity);

	CHECK(r == 0 && granularity == PAGE, "GetWriteWatch: %u, granularity %lu", r, granularity);
	return r ? -1 : (int)count;
}

/* Whether found[0 .. n) are exactly pages want[0 .. n) of p. */
static int pages_are(const char *p, int n, const unsigned *want, int count)
{
	if (n != count)
		return 0;
	for (int i = 0; i < n; i++)
		if (found[i] != p + want[i] * PAGE)
			return 0;
	return 1;
}

static void basics(char *p)
{
	static const unsigned w[] = { 3, 10, 63 };
	volatile char sink;

	CHECK(written(p, PAGES, PAGES, 0) == 0, "a fresh region");
	p[3 * PAGE] = 1, p[10 * PAGE + 5] = 2, p[63 * PAGE + 4095] = 3;
	sink = p[20 * PAGE];
	(void)sink;
	CHECK(pages_are(p, written(p, PAGES, PAGES, 0), w, 3), "3, 10 and 63 written");
	CHECK(pages_are(p, written(p, PAGES, 2, WRITE_WATCH_FLAG_RESET), w, 2), "room for 2");
	CHECK(pages_are(p, written(p, PAGES, PAGES, 0), w + 2, 1), "only 63 left after the reset");
	CHECK(ResetWriteWatch(p, PAGES * PAGE) == 0 && written(p, PAGES, PAGES, 0) == 0,
	      "ResetWriteWatch");
	p[5 * PAGE] = 4;
	CHECK(written(p + 4 * PAGE, 2, PAGES, 0) == 1 && found[0] == p + 5 * PAGE,
	      "a range inside the region");
	ResetWriteWatch(p, PAGES * PAGE);
}

/* A written page that goes PAGE_NOACCESS keeps its record and its data. */
static void held_page(char *p)
{
	static const unsigned w[] = { 7 };
	DWORD old;

	p[7 * PAGE] = 42;
	VirtualProtect(p + 7 * PAGE, PAGE, PAGE_NOACCESS, &old);
	CHECK(pages_are(p, written(p, PAGES, PAGES, WRITE_WATCH_FLAG_RESET), w, 1),
	      "a page gone PAGE_NOACCESS");
	VirtualProtect(p + 7 * PAGE, PAGE, PAGE_READWRITE, &old);
	CHECK(p[7 * PAGE] == 42 && written(p, PAGES, PAGES, 0) == 0, "back: data kept, clean");
}

static void errors(char *p)
{
	char *plain = VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	ULONG_PTR count = 4;
	DWORD g;

	CHECK(GetWriteWatch(0, plain, PAGE, found, &count, &g) == ~0u &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "memory without write watch");
	CHECK(GetWriteWatch(0, NULL, PAGE, found, &count, &g) == ~0u &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "NULL");
	CHECK(GetWriteWatch(0, GetModuleHandleA(NULL), PAGE, found, &count, &g) == ~0u &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "the image");
	CHECK(GetWriteWatch(0, p, (PAGES + 16) * PAGE, found, &count, &g) == ~0u &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "a range past the region");
	CHECK(GetWriteWatch(2, p, PAGE, found, &count, &g) == ~0u &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "an unknown flag");
	CHECK(ResetWriteWatch(plain, PAGE) == ~0u && GetLastError() == ERROR_INVALID_PARAMETER,
	      "ResetWriteWatch");
	p[0] = 1;
	CHECK(GetWriteWatch(WRITE_WATCH_FLAG_RESET, p, PAGE, (PVOID *)0x80000000, &count, &g) ==
	      ~0u && GetLastError() == ERROR_NOACCESS && written(p, 1, 1, 0) == 1,
	      "a bad array: nothing reset");
	CHECK(GetWriteWatch(0, p, PAGE, found, (ULONG_PTR *)0x80000000, &g) == ~0u &&
	      GetLastError() == ERROR_NOACCESS, "a bad count");
	SetLastError(0);
	CHECK(!VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "MEM_WRITE_WATCH without MEM_RESERVE");
	VirtualFree(plain, 0, MEM_RELEASE);
}

/* Reserved with the watch, committed later: the watch covers it. */
static void committed_later(void)
{
	char *r = VirtualAlloc(NULL, 16 * PAGE, MEM_RESERVE | MEM_WRITE_WATCH, PAGE_READWRITE);

	CHECK(r && VirtualAlloc(r + 4 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE), "commit");
	r[4 * PAGE] = 1;
	CHECK(written(r, 16, 16, 0) == 1 && found[0] == r + 4 * PAGE, "committed later");
	VirtualFree(r, 0, MEM_RELEASE);
}

static unsigned char pattern(unsigned page, unsigned round)
{
	return (unsigned char)(page * 31 + round * 7 + 1);
}

/* Reads every page of p; returns how many lost their pattern (round 0, or
 * round 1 for every third page once rewritten). */
static unsigned bad_pages(const volatile unsigned char *p, int rewritten)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < SWAP_PAGES; i++) {
		unsigned char want = pattern(i, rewritten && i % 3 == 0);
		bad += p[i * PAGE] != want || p[i * PAGE + 4095] != want;
	}
	return bad;
}

/* Writes the pattern of round into every step-th page. */
static void write_pages(unsigned char *p, unsigned step, unsigned round)
{
	for (unsigned i = 0; i < SWAP_PAGES; i += step)
		p[i * PAGE] = p[i * PAGE + 4095] = pattern(i, round);
}

static void through_swap(void)
{
	unsigned char *p = VirtualAlloc(NULL, SWAP_PAGES * PAGE, MEM_RESERVE | MEM_COMMIT |
					MEM_WRITE_WATCH, PAGE_READWRITE);
	int n;

	CHECK(p != NULL, "24 MB: error %lu", GetLastError());
	if (!p)
		return;
	write_pages(p, 1, 0);
	n = written((char *)p, SWAP_PAGES, SWAP_PAGES, WRITE_WATCH_FLAG_RESET);
	printf("write-watch: %d of %u pages written (most of them in swap)\n", n, SWAP_PAGES);
	CHECK(n == (int)SWAP_PAGES, "all written");
	/* The reset cleared dirty bits of resident pages: paging must still save them. */
	CHECK(bad_pages(p, 0) == 0 && bad_pages(p, 0) == 0, "the data after the reset");
	CHECK(written((char *)p, SWAP_PAGES, SWAP_PAGES, 0) == 0, "reading writes nothing");
	write_pages(p, 3, 1);
	CHECK(bad_pages(p, 1) == 0, "the data after writing every third page");
	n = written((char *)p, SWAP_PAGES, SWAP_PAGES, WRITE_WATCH_FLAG_RESET);
	printf("write-watch: %d pages written again (every third)\n", n);
	CHECK(n == (int)(SWAP_PAGES + 2) / 3, "every third: %d", n);
	for (int i = 0; i < n; i++)
		CHECK((unsigned)((unsigned char *)found[i] - p) / PAGE % 3 == 0, "page %p", found[i]);
	CHECK(bad_pages(p, 1) == 0 && bad_pages(p, 1) == 0, "the data after resets and paging");
	CHECK(written((char *)p, SWAP_PAGES, SWAP_PAGES, 0) == 0, "reading writes nothing");
}

int main(int argc, char **argv)
{
	char *p = VirtualAlloc(NULL, PAGES * PAGE, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH,
			       PAGE_READWRITE);

	CHECK(p != NULL, "VirtualAlloc(MEM_WRITE_WATCH): error %lu", GetLastError());
	if (argc > 1 && strcmp(argv[1], "swap") == 0) {
		through_swap();
	} else if (p) {
		basics(p);
		held_page(p);
		errors(p);
		committed_later();
	}
	printf("write-watch: %d failures\n", failures);
	return failures != 0;
}
