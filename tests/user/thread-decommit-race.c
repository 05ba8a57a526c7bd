/* VirtualFree and VirtualProtect by one thread while others touch the pages:
 * every touch sees the page's current contents or gets an access violation
 * it can handle, never stale data, and the kernel keeps running.
 *
 * An owner thread runs cycles over a 64-page region: commit, epoch odd,
 * write cycle+1 into word 0 of every page (with a VirtualProtect to
 * NOACCESS and back in the middle of some cycles), decommit, epoch even.
 * Readers read word 0 of random pages between two reads of the epoch; a
 * value v != 0 was written in cycle v-1, while the epoch was 2(v-1)+1, so it
 * must lie within the two epochs read: a value of a cycle whose decommit
 * had ended before the read began is stale data. Writers store into word 1
 * (faults on write: demand-zero, guard-free RW pages, access violations).
 * With "pressure" a balloon thread keeps 12 MB busy, so the region's pages
 * are paged out and read back while the owner decommits them. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "thread-decommit-race"
#include "check.h"
#include "thread-common.h"

#define PAGES    64u
#define CYCLES   150u
#define READERS  4u
#define WRITERS  2u
#define SENTINEL 0xFFFFFFFFu
#define BALLOON  (12u << 20)

static char *region;
static volatile LONG epoch, done, stale, garbage, violations, values_seen, reads;

/* Reads *p; the handler makes a faulting read yield SENTINEL. */
__attribute__((noinline)) static DWORD read_word(volatile DWORD *p)
{
	DWORD v;

	asm volatile("movl (%1), %0\n\t.globl race_read_end\nrace_read_end:"
		     : "=a"(v) : "c"(p) : "memory");
	return v;
}

/* Writes v to *p; the handler skips a faulting write. */
__attribute__((noinline)) static void write_word(volatile DWORD *p, DWORD v)
{
	asm volatile("movl %0, (%1)\n\t.globl race_write_end\nrace_write_end:"
		     : : "a"(v), "c"(p) : "memory");
}

extern char race_read_end[], race_write_end[];

static LONG CALLBACK av_handler(PEXCEPTION_POINTERS ep)
{
	PEXCEPTION_RECORD r = ep->ExceptionRecord;
	ULONG_PTR at = r->ExceptionInformation[1];

	if (r->ExceptionCode != STATUS_ACCESS_VIOLATION || at < (ULONG_PTR)region ||
	    at >= (ULONG_PTR)region + PAGES * 4096)
		return EXCEPTION_CONTINUE_SEARCH;
	InterlockedIncrement(&violations);
	if (r->ExceptionInformation[0]) {
		ep->ContextRecord->Eip = (DWORD)race_write_end;
	} else {
		ep->ContextRecord->Eax = SENTINEL;
		ep->ContextRecord->Eip = (DWORD)race_read_end;
	}
	return EXCEPTION_CONTINUE_EXECUTION;
}

static DWORD next_random(DWORD *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static DWORD WINAPI reader(LPVOID p)
{
	DWORD seed = (DWORD)p * 7919u + 1;

	while (!done) {
		DWORD page = next_random(&seed) % PAGES;
		LONG e1 = epoch;
		DWORD v = read_word((volatile DWORD *)(region + page * 4096));
		LONG e2 = epoch;

		InterlockedIncrement(&reads);
		if (v == SENTINEL || v == 0)
			continue;
		InterlockedIncrement(&values_seen);
		if (v > CYCLES)
			InterlockedIncrement(&garbage);
		else if ((LONG)(2 * (v - 1) + 1) < e1 || (LONG)(2 * (v - 1) + 1) > e2)
			InterlockedIncrement(&stale);
		if (page == 0)
			Sleep(0);
	}
	return 0;
}

static DWORD WINAPI writer(LPVOID p)
{
	DWORD seed = (DWORD)p * 104729u + 3;

	while (!done) {
		DWORD page = next_random(&seed) % PAGES;
		write_word((volatile DWORD *)(region + page * 4096 + 4), (DWORD)p);
		if (page % 8 == 0)
			Sleep(0);
	}
	return 0;
}

/* Keeps BALLOON bytes busy, so the region's pages get paged out. */
static DWORD WINAPI balloon(LPVOID p)
{
	char *b = VirtualAlloc(NULL, BALLOON, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	(void)p;
	if (!b)
		return 1;
	for (DWORD round = 0; !done; round++)
		for (DWORD i = 0; i < BALLOON && !done; i += 4096)
			b[i] = (char)round;
	return VirtualFree(b, 0, MEM_RELEASE) ? 0 : 1;
}

/* One cycle of the owner: commit, fill, maybe protect, decommit. */
static void owner_cycle(DWORD c)
{
	DWORD old;

	CHECK(VirtualAlloc(region, PAGES * 4096, MEM_COMMIT, PAGE_READWRITE) == region,
	      "cycle %lu: commit: error %lu", c, GetLastError());
	InterlockedIncrement(&epoch);                   /* 2c + 1 */
	for (DWORD i = 0; i < PAGES; i++) {
		volatile DWORD *w = (volatile DWORD *)(region + i * 4096);
		if (*w != 0 && *w != c + 1)
			InterlockedIncrement(&stale);   /* recommitted pages read 0 */
		*w = c + 1;
		if (c % 4 == 1 && i == PAGES / 2) {
			CHECK(VirtualProtect(region, PAGES * 4096, PAGE_NOACCESS, &old),
			      "error %lu", GetLastError());
			Sleep(0);
			CHECK(VirtualProtect(region, PAGES * 4096, PAGE_READWRITE, &old) &&
			      old == PAGE_NOACCESS, "error %lu, old 0x%lx", GetLastError(), old);
		}
	}
	Sleep(0);
	CHECK(VirtualFree(region, PAGES * 4096, MEM_DECOMMIT), "cycle %lu: decommit: error %lu", c,
	      GetLastError());
	InterlockedIncrement(&epoch);                   /* 2c + 2 */
}

int main(int argc, char **argv)
{
	int pressure = argc > 1 && strcmp(argv[1], "pressure") == 0;
	HANDLE h[READERS + WRITERS + 1];
	DWORD n = 0, code;
	PVOID vh;

	region = VirtualAlloc(NULL, PAGES * 4096, MEM_RESERVE, PAGE_NOACCESS);
	vh = AddVectoredExceptionHandler(1, av_handler);
	CHECK(region && vh, "setup: error %lu", GetLastError());
	if (!region || !vh)
		return 1;
	for (DWORD i = 0; i < READERS; i++)
		h[n++] = CreateThread(NULL, 0, reader, (LPVOID)i, 0, NULL);
	for (DWORD i = 0; i < WRITERS; i++)
		h[n++] = CreateThread(NULL, 0, writer, (LPVOID)(i + 1), 0, NULL);
	if (pressure)
		h[n++] = CreateThread(NULL, 0, balloon, NULL, 0, NULL);
	for (DWORD c = 0; c < CYCLES; c++)
		owner_cycle(c);
	done = 1;
	for (DWORD i = 0; i < n; i++) {
		CHECK(h[i] && WaitForSingleObject(h[i], 60000) == WAIT_OBJECT_0 &&
		      GetExitCodeThread(h[i], &code) && code == 0, "thread %lu did not end well", i);
		if (h[i])
			CloseHandle(h[i]);
	}
	CHECK(stale == 0, "%ld stale values", stale);
	CHECK(garbage == 0, "%ld values no cycle wrote", garbage);
	CHECK(violations > 0 && values_seen > 0,
	      "the race was not run: %ld violations, %ld values seen", violations, values_seen);
	CHECK(RemoveVectoredExceptionHandler(vh), "error %lu", GetLastError());
	CHECK(VirtualFree(region, 0, MEM_RELEASE), "error %lu", GetLastError());
	printf(TEST_NAME ": %u cycles%s, %ld reads, %ld values seen, %ld access violations handled\n",
	       CYCLES, pressure ? " under paging" : "", reads, values_seen, violations);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
