/* vmbench: the virtual-memory benchmark behind `make bench`. It does the work
 * of the Linux peer (../shared/peer/linux686/vmbench.c) through the Win32 API,
 * workload for workload and loop count for loop count, and prints
 *
 *   bench NAME VALUE        host TSC cycles (rdtsc), the median of the rounds
 *   rounds NAME V1 V2 ...   every round's figure, for the spread
 *   missing NAME WHY        a row this kernel cannot run yet, and why
 *   work NAME C=V ...       the kernel's counters that moved during workload
 *                           NAME, per round (SYS_MM_COUNTERS deltas)
 *   counter NAME VALUE      the kernel's counters for the whole run
 *   check ok: / check FAILED: ...   (--more) whether every call and word read was right
 *
 * make bench boots it twice, as the peer boots: first the original rows (this
 * file), then, with the FAT32 test disk, the rows added later (--more,
 * vmbench/more.c). Each round of the CPU-bound workloads starts after half a
 * second of idle time (the zero-page thread refills the zeroed list; the
 * peer's init sleeps a second before its single run); the swap workload runs
 * its own rounds afterwards, so its page-outs do not disturb the others.
 * Without a usable time-stamp counter it prints why and exits with status 2.
 *
 *   vmbench [ROUNDS [SWAP_ROUNDS [SWAP_MB]]]    defaults 5, 3, 96
 *   vmbench --more DIR [ROUNDS]                 the rows added later, files in DIR (C:)
 *   vmbench --exit                              returns 0 at once (spawn_exit_wait's child) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "user/programs/vmbench/bench.h"

#define SYSCALL_LOOPS   20000
#define RESERVE_LOOPS   2000
#define PROTECT_LOOPS   20000
#define DZ_BYTES        (32u << 20)

static uint32_t swap_mb = 96;

/* VirtualAlloc that must succeed. */
static char *alloc(SIZE_T bytes, DWORD type, DWORD protect)
{
	char *p = VirtualAlloc(NULL, bytes, type, protect);

	if (!p)
		die("VirtualAlloc");
	return p;
}

/* VirtualFree(MEM_RELEASE) that must succeed. */
static void release(void *p)
{
	if (!VirtualFree(p, 0, MEM_RELEASE))
		die("VirtualFree");
}

/* VirtualProtect of one page that must succeed. */
static void protect_page(char *page, DWORD protect)
{
	DWORD old;

	if (!VirtualProtect(page, PG, protect, &old))
		die("VirtualProtect");
}

/* The cheapest system call: GetCurrentProcessId is one int 0x2E. */
static void work_null_syscall(void)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < SYSCALL_LOOPS; i++)
		GetCurrentProcessId();
	record(NULL_SYSCALL, per(t0, SYSCALL_LOOPS));
}

/* Commits 32 MB, writes one byte per page (demand-zero faults), then writes
 * them again (resident: no faults). */
static void work_demand_zero(void)
{
	volatile char *p = alloc(DZ_BYTES, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	uint64_t t0 = rdtsc();

	for (uint32_t i = 0; i < DZ_BYTES; i += PG)
		p[i] = 1;
	record(DZ_FAULT, per(t0, DZ_BYTES / PG));
	t0 = rdtsc();
	for (uint32_t i = 0; i < DZ_BYTES; i += PG)
		p[i] = 2;
	record(TOUCH_RESIDENT, per(t0, DZ_BYTES / PG));
	release((void *)p);
}

/* Reserves bytes of PAGE_NOACCESS and releases them, RESERVE_LOOPS times. */
static uint64_t reserve_release(SIZE_T bytes)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < RESERVE_LOOPS; i++)
		release(alloc(bytes, MEM_RESERVE, PAGE_NOACCESS));
	return per(t0, RESERVE_LOOPS);
}

static void work_reserve_release(void)
{
	record(RESERVE_64K, reserve_release(64u << 10));
	record(RESERVE_1G, reserve_release(1u << 30));
}

/* Commits 64 KB, writes a byte in each of its 16 pages, releases it. */
static void work_alloc_touch16(void)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < RESERVE_LOOPS; i++) {
		volatile char *q = alloc(64u << 10, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);

		for (uint32_t k = 0; k < 16; k++)
			q[k * PG] = 1;
		release((void *)q);
	}
	record(ALLOC_TOUCH16, per(t0, RESERVE_LOOPS));
}

/* Cycles per VirtualProtect of page, alternately read-only and read-write. */
static uint64_t protect_toggle(char *page)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < PROTECT_LOOPS; i++)
		protect_page(page, (i & 1) ? PAGE_READWRITE : PAGE_READONLY);
	return per(t0, PROTECT_LOOPS);
}

/* Cycles per VirtualQuery of page. */
static uint64_t query_loop(char *page)
{
	MEMORY_BASIC_INFORMATION mbi;
	uint64_t t0 = rdtsc();

	for (int i = 0; i < PROTECT_LOOPS; i++)
		if (VirtualQuery(page, &mbi, sizeof(mbi)) != sizeof(mbi))
			die("VirtualQuery");
	return per(t0, PROTECT_LOOPS);
}

/* One committed, written page toggled between read-only and read-write. */
static void work_protect(void)
{
	char *q = alloc(PG, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);

	q[0] = 1;
	record(PROTECT, protect_toggle(q));
	release(q);
}

/* An allocation of pages pages, every other one made read-only (so it is
 * pages regions), then VirtualProtect and VirtualQuery of a page in the
 * middle (the peer's page 5 of 10 and 5001 of 10 000). */
static void regions(uint32_t pages, uint32_t middle, enum figure prot, enum figure query)
{
	char *base = alloc(pages * PG, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);

	for (uint32_t k = 0; k < pages; k += 2)
		protect_page(base + k * PG, PAGE_READONLY);
	record(prot, protect_toggle(base + middle * PG));
	record(query, query_loop(base + middle * PG));
	release(base);
}

static void work_regions(void)
{
	regions(10, 5, PROTECT_10, QUERY_10);
	regions(10000, 5001, PROTECT_10K, QUERY_10K);
}

#define MALLOC_LOOPS 20000

/* malloc then free, of 16 to 256 bytes (a pseudo-random mix, the same every
 * round), and of 64 KB; the heaps of issue 9 over VirtualAlloc. */
static void work_malloc(void)
{
	uint32_t size = 1;
	uint64_t t0 = rdtsc();

	for (int i = 0; i < MALLOC_LOOPS; i++) {
		size = size * 1103515245u + 12345u;
		free(malloc(16 + (size >> 16) % 241));
	}
	record(MALLOC_SMALL, per(t0, MALLOC_LOOPS));
	t0 = rdtsc();
	for (int i = 0; i < MALLOC_LOOPS; i++)
		free(malloc(65536));
	record(MALLOC_64K, per(t0, MALLOC_LOOPS));
}

/* Commits swap_mb (more than RAM), writes one word per page with a pattern
 * (page-outs), then reads every one back checking it (page-ins). */
static void work_swap(void)
{
	uint32_t words = (swap_mb << 20) / 4, pages = (swap_mb << 20) / PG, bad = 0;
	volatile uint32_t *b = (volatile uint32_t *)alloc(swap_mb << 20,
							  MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	uint64_t t0 = rdtsc();

	for (uint32_t i = 0; i < words; i += PG / 4)
		b[i] = i * 2654435761u;
	record(SWAP_WRITE, per(t0, pages));
	t0 = rdtsc();
	for (uint32_t i = 0; i < words; i += PG / 4)
		if (b[i] != i * 2654435761u)
			bad++;
	record(SWAP_READ, per(t0, pages));
	record(SWAP_BAD, bad);
	release((void *)b);
}

/* The CPU-bound workloads, then the swap workload (its own rounds, last). */
static struct workload work[] = {
	{ .name = "null_syscall", .run = work_null_syscall },
	{ .name = "demand_zero", .run = work_demand_zero },
	{ .name = "reserve_release", .run = work_reserve_release },
	{ .name = "alloc_touch16_free", .run = work_alloc_touch16 },
	{ .name = "protect", .run = work_protect },
	{ .name = "regions", .run = work_regions },
	{ .name = "malloc", .run = work_malloc },
	{ .name = "swap", .run = work_swap },
};

#define WORKLOADS (sizeof(work) / sizeof(work[0]))

/* The argument i as a number in [lo, hi], else fallback. */
static uint32_t arg(int argc, char **argv, int i, uint32_t fallback, uint32_t lo, uint32_t hi)
{
	uint32_t v = argc > i ? (uint32_t)atoi(argv[i]) : fallback;

	return v < lo || v > hi ? fallback : v;
}

int main(int argc, char **argv)
{
	uint32_t rounds = arg(argc, argv, 1, 5, 1, MAX_ROUNDS);
	uint32_t swap_rounds = arg(argc, argv, 2, 3, 0, MAX_ROUNDS);
	unsigned int start[COUNTERS], end[COUNTERS];

	if (argc > 1 && strcmp(argv[1], "--exit") == 0)
		return 0;
	if (!have_tsc())
		return 2;
	if (argc > 2 && strcmp(argv[1], "--more") == 0)
		return more_main(argv[2], arg(argc, argv, 3, 5, 1, MAX_ROUNDS));
	swap_mb = arg(argc, argv, 3, 96, 1, 1024);
	printf("vmbench: %u rounds, %u swap rounds of %u MB\n", rounds, swap_rounds, swap_mb);
	counters(start);
	run_rounds(work, WORKLOADS - 1, rounds);
	for (uint32_t r = 0; r < swap_rounds; r++)
		run_round(&work[WORKLOADS - 1]);
	counters(end);
	print_results(work, WORKLOADS);
	print_counters(start, end);
	return total(SWAP_BAD) != 0;
}
