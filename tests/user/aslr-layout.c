/* Address-space layout randomization: 32 children (this program again)
 * report where their stack, default heap, a VirtualAlloc(NULL) and their TEB
 * lie; the parent reads each report from the child's memory
 * (ReadProcessMemory: the image, and so the report's address, is the same in
 * every process), prints it, and counts the distinct places.
 *   aslr-layout on    randomized: many distinct places of each kind, all
 *                     within their windows at 64 KB granularity
 *   aslr-layout off   the kernel runs with aslr=off: one place of each kind
 *   aslr-layout base  prints the image base only (a scenario boots it
 *                     several times: it changes from boot to boot)
 * Every child also reports its image base (GetModuleHandleA(NULL)): the
 * program's one base this boot, the parent's too (randomized at 64 KB
 * granularity from 0x00400000, or the linked 0x00400000 with aslr=off).
 * Every child also checks that nothing is mapped in the first and last
 * 64 KB of user space. Prints "aslr-layout: 32 children: ... N failures". */
#define TEST_NAME "aslr-layout"
#include "check.h"
#include <stddef.h>
#include <string.h>
#include <windows.h>

#define CHILDREN 32
#define GRANULE 0x10000u

struct layout {
	volatile DWORD ready;
	DWORD stack, heap, alloc, teb, image;
	DWORD low_free, failures;
};

static struct layout report;

/* Nothing below 64 KB: the region at NULL is free and at least 64 KB long. */
static DWORD low_free(void)
{
	MEMORY_BASIC_INFORMATION m;

	return VirtualQuery(NULL, &m, sizeof(m)) == sizeof(m) && m.State == MEM_FREE &&
	       m.RegionSize >= GRANULE;
}

static int child(void)
{
	HANDLE go = OpenEventA(SYNCHRONIZE, FALSE, "aslr-layout-go");
	void *alloc = VirtualAlloc(NULL, GRANULE, MEM_RESERVE, PAGE_READWRITE);

	report.stack = (DWORD)NtCurrentTeb()->NtTib.StackBase;
	report.heap = (DWORD)GetProcessHeap();
	report.alloc = (DWORD)alloc;
	report.teb = (DWORD)NtCurrentTeb();
	report.image = (DWORD)GetModuleHandleA(NULL);
	report.low_free = low_free();
	report.ready = 1;
	if (!go || WaitForSingleObject(go, 20000) != WAIT_OBJECT_0)
		return 3;
	return 0;
}

/* Starts a child and reads its report; FALSE when that fails. */
static BOOL collect(const char *self, HANDLE go, struct layout *out)
{
	char cmdline[64];
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	DWORD code = 0xdead;
	SIZE_T got;

	snprintf(cmdline, sizeof(cmdline), "%s child", self);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return FALSE;
	memset(out, 0, sizeof(*out));
	for (int tries = 0; tries < 2000 && !out->ready; tries++) {
		if (!ReadProcessMemory(pi.hProcess, &report, out, sizeof(*out), &got))
			break;
		if (!out->ready)
			Sleep(5);
	}
	SetEvent(go);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return out->ready && code == 0;
}

/* How many distinct values field (an offset into struct layout) takes. */
static unsigned distinct(const struct layout *all, size_t field)
{
	unsigned n = 0;

	for (int i = 0; i < CHILDREN; i++) {
		DWORD v = *(const DWORD *)((const char *)&all[i] + field);
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = *(const DWORD *)((const char *)&all[j] + field) == v;
		n += !seen;
	}
	return n;
}

/* Each place within user space, granule-aligned where the layout says so. */
static void check_places(const struct layout *l, int i)
{
	CHECK(l->low_free, "child %d: something mapped below 64 KB", i);
	CHECK(l->stack % GRANULE == 0 && l->stack > GRANULE && l->stack <= 0x00400000,
	      "child %d: stack 0x%08lx", i, l->stack);
	CHECK(l->heap % GRANULE == 0 && l->heap >= GRANULE, "child %d: heap 0x%08lx", i, l->heap);
	CHECK(l->alloc % GRANULE == 0 && l->alloc >= GRANULE && l->alloc < 0x7fff0000,
	      "child %d: allocation 0x%08lx", i, l->alloc);
	CHECK(l->teb % 4096 == 0 && l->teb >= 0x7efe0000 && l->teb < 0x7fff0000,
	      "child %d: TEB 0x%08lx", i, l->teb);
	CHECK(l->image == (DWORD)GetModuleHandleA(NULL), "child %d: image 0x%08lx, mine %p", i,
	      l->image, (void *)GetModuleHandleA(NULL));
}

/* The image's base: 64 KB-aligned in its 256 places, or where it was linked. */
static void check_image_base(BOOL randomized)
{
	DWORD base = (DWORD)GetModuleHandleA(NULL);
	MEMORY_BASIC_INFORMATION m;

	CHECK(base % GRANULE == 0 && base >= 0x00400000 && base < 0x00400000 + 256 * GRANULE &&
	      (randomized || base == 0x00400000), "image base 0x%08lx", base);
	CHECK(VirtualQuery((void *)base, &m, sizeof(m)) && m.Type == MEM_IMAGE &&
	      m.AllocationBase == (void *)base && *(const DWORD *)base == 0x464c457f,
	      "the image's header at its base");
	printf("aslr-layout: image base 0x%08lx\n", base);
}

int main(int argc, char **argv)
{
	static struct layout all[CHILDREN];
	BOOL randomized = argc > 1 && strcmp(argv[1], "on") == 0;
	HANDLE go;
	unsigned stacks, heaps, allocs, tebs;
	MEMORY_BASIC_INFORMATION m;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child();
	check_image_base(randomized || (argc > 1 && strcmp(argv[1], "base") == 0));
	if (argc > 1 && strcmp(argv[1], "base") == 0)
		return failures != 0;
	go = CreateEventA(NULL, FALSE, FALSE, "aslr-layout-go");
	CHECK(go != NULL, "CreateEventA: %lu", GetLastError());
	for (int i = 0; i < CHILDREN; i++) {
		CHECK(collect(argv[0], go, &all[i]), "child %d: no report (%lu)", i, GetLastError());
		check_places(&all[i], i);
		printf("aslr-layout: child %2d: stack 0x%08lx heap 0x%08lx allocation 0x%08lx "
		       "TEB 0x%08lx\n", i, all[i].stack, all[i].heap, all[i].alloc, all[i].teb);
	}
	CloseHandle(go);
	stacks = distinct(all, offsetof(struct layout, stack));
	heaps = distinct(all, offsetof(struct layout, heap));
	allocs = distinct(all, offsetof(struct layout, alloc));
	tebs = distinct(all, offsetof(struct layout, teb));
	/* 48 stack places and 256 of the others: 32 draws give about 23 and
	 * 30 distinct ones; the bounds below fail by chance far less than once
	 * in a billion runs. */
	if (randomized)
		CHECK(stacks >= 10 && heaps >= 16 && allocs >= 16 && tebs >= 16,
		      "too few places: %u %u %u %u", stacks, heaps, allocs, tebs);
	else
		CHECK(stacks == 1 && heaps == 1 && allocs == 1 && tebs == 1,
		      "aslr=off, yet %u %u %u %u places", stacks, heaps, allocs, tebs);
	CHECK(VirtualQuery((void *)0x7fff0000, &m, sizeof(m)) == 0 &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "the top 64 KB: %lu", GetLastError());
	printf("aslr-layout: %d children: %u stacks, %u heaps, %u allocations, %u TEBs, "
	       "%d failures\n", CHILDREN, stacks, heaps, allocs, tebs, failures);
	return failures != 0;
}
