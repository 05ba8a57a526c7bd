/* Random argument values for every Virtual* call, on this process and on a
 * child through the Ex forms: the kernel must answer each with a result or a
 * Win32 error, never panic, and leave what the call did not name untouched.
 * A canary page here must keep its contents, the child must still be
 * terminable, and the kernel checks both address spaces when they end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define CALLS     20000
#define CANARY    0x30000000UL
#define WINDOW_LO 0x10000000UL          /* where most random addresses fall */
#define WINDOW_SZ 0x04000000UL

static uint32_t state = 0x9e3779b9;

static uint32_t next(void)
{
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

static uint32_t pick(const uint32_t *from, uint32_t n)
{
	return from[next() % n];
}

static uint32_t random_address(void)
{
	static const uint32_t edges[] = {
		0, 0x1000, 0xffff, 0x10000, 0x7ffef000, 0x7ffeffff, 0x7fff0000, 0x80000000,
		0xc0000000, 0xfffff000, 0xffffffff,
	};
	switch (next() % 4) {
	case 0: return pick(edges, sizeof(edges) / 4);
	case 1: return next();
	default: return WINDOW_LO + next() % WINDOW_SZ;
	}
}

static uint32_t random_size(void)
{
	static const uint32_t sizes[] = { 0, 1, 4095, 4096, 65536, 0x7fffffff, 0x80000000, 0xffffffff };
	switch (next() % 3) {
	case 0: return pick(sizes, sizeof(sizes) / 4);
	case 1: return next() % 0x100000;
	default: return next();
	}
}

static uint32_t random_bits(const uint32_t *valid, uint32_t n)
{
	return next() % 4 ? pick(valid, n) : next();
}

/* What this process must keep whatever the calls: the allocations holding
 * its stack, TEB, process heap, image and environment (ASLR puts them
 * anywhere) and the canary. */
#define KEEP_MAX 8
static struct { uint64_t lo, hi; } keep[KEEP_MAX];
static unsigned keeps;

/* Adds the whole allocation holding p (every region of its AllocationBase). */
static void keep_allocation(const void *p)
{
	MEMORY_BASIC_INFORMATION m;
	uint64_t base, end;

	if (!p || keeps == KEEP_MAX || !VirtualQuery(p, &m, sizeof(m)) || m.State == MEM_FREE)
		return;
	base = end = (uint32_t)m.AllocationBase;
	while (end < 0x80000000u && VirtualQuery((LPCVOID)(uint32_t)end, &m, sizeof(m)) &&
	       m.State != MEM_FREE && (uint32_t)m.AllocationBase == base)
		end = (uint64_t)(uint32_t)m.BaseAddress + m.RegionSize;
	keep[keeps].lo = base;
	keep[keeps++].hi = end;
}

/* Whether [a, a + n) may be changed in this process: it overlaps nothing
 * kept, nor the fixed layout's stack and image (aslr=off). */
static int harmless_here(uint32_t a, uint32_t n)
{
	uint64_t end = (uint64_t)a + (n ? n : 1);

	for (unsigned i = 0; i < keeps; i++)
		if (a < keep[i].hi && end > keep[i].lo)
			return 0;
	return end <= 0x00200000 || a >= 0x00600000;
}

static void one_call(HANDLE target, int self)
{
	static const uint32_t types[] = {
		MEM_RESERVE, MEM_COMMIT, MEM_RESERVE | MEM_COMMIT, MEM_RESET,
		MEM_RESERVE | MEM_TOP_DOWN, MEM_COMMIT | MEM_RESERVE | MEM_TOP_DOWN,
		MEM_DECOMMIT, MEM_RELEASE, MEM_DECOMMIT | MEM_RELEASE, 0,
	};
	static const uint32_t prots[] = {
		PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE,
		PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_READWRITE | PAGE_GUARD,
		PAGE_READONLY | PAGE_NOCACHE, 0, PAGE_GUARD,
	};
	uint32_t a = random_address(), n = random_size(), op = next() % 6;
	DWORD old;
	MEMORY_BASIC_INFORMATION mbi;

	if (self && op != 3 && !harmless_here(a, n))
		return;
	switch (op) {
	case 0:
		VirtualAllocEx(target, (LPVOID)a, n, random_bits(types, 10), random_bits(prots, 11));
		break;
	case 1:
		VirtualFreeEx(target, (LPVOID)a, next() % 2 ? 0 : n, random_bits(types, 10));
		break;
	case 2:
		VirtualProtectEx(target, (LPVOID)a, n, random_bits(prots, 11),
				 next() % 8 ? &old : (PDWORD)random_address());
		break;
	case 3:
		VirtualQueryEx(target, (LPCVOID)a, next() % 8 ? &mbi :
			       (PMEMORY_BASIC_INFORMATION)random_address(), next() % 8 ? sizeof(mbi) : n);
		break;
	case 4:
		if (self)
			VirtualLock((LPVOID)a, n % 0x40000);
		break;
	default:
		if (self)
			VirtualUnlock((LPVOID)a, n % 0x40000);
		break;
	}
}

int main(int argc, char **argv)
{
	char cmd[] = "virtual-child wait";
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	uint32_t *canary, failures = 0;
	DWORD code = 0;

	if (argc > 1)
		state = (uint32_t)strtoul(argv[1], NULL, 0);
	canary = VirtualAlloc((LPVOID)CANARY, 65536, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	if (!canary || !CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		printf("virtual-fuzz: setup failed, error %lu\n", GetLastError());
		return 1;
	}
	for (uint32_t i = 0; i < 65536 / 4; i++)
		canary[i] = i * 2654435761u;
	keep_allocation(canary);
	keep_allocation(&code);                 /* the stack */
	keep_allocation(NtCurrentTeb());
	keep_allocation(GetProcessHeap());
	keep_allocation(GetModuleHandleA(NULL));
	keep_allocation(GetEnvironmentStringsA());
	for (uint32_t i = 0; i < CALLS; i++) {
		uint32_t r = next() % 16;
		one_call(r < 9 ? GetCurrentProcess() : r < 15 ? pi.hProcess : (HANDLE)(uintptr_t)(next() & ~3u),
			 r < 9);
	}
	for (uint32_t i = 0; i < 65536 / 4; i++)
		if (canary[i] != i * 2654435761u && failures++ < 5)
			printf("virtual-fuzz: canary word %lu is 0x%08lx\n", (unsigned long)i,
			       (unsigned long)canary[i]);
	if (!TerminateProcess(pi.hProcess, 7) || WaitForSingleObject(pi.hProcess, 10000) != WAIT_OBJECT_0 ||
	    !GetExitCodeProcess(pi.hProcess, &code) || code != 7) {
		printf("virtual-fuzz: the child did not end as told (code %lu)\n", code);
		failures++;
	}
	printf("virtual-fuzz: %d calls, %lu failures\n", CALLS, (unsigned long)failures);
	return failures != 0;
}
