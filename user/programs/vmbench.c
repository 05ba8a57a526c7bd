/* vmbench: the virtual-memory benchmark behind `make bench`. It does the work
 * of the Linux peer (../shared/peer/linux686/vmbench.c) through the Win32 API,
 * workload for workload and loop count for loop count, and prints
 *
 *   bench NAME VALUE        host TSC cycles (rdtsc), the median of the rounds
 *   rounds NAME V1 V2 ...   every round's figure, for the spread
 *   work NAME C=V ...       the kernel's counters that moved during workload
 *                           NAME, per round (SYS_MM_COUNTERS deltas)
 *   counter NAME VALUE      the kernel's counters for the whole run
 *
 * Each round of the CPU-bound workloads starts after half a second of idle
 * time (the zero-page thread refills the zeroed list; the peer's init sleeps
 * a second before its single run); the swap workload runs its own rounds
 * afterwards, so its page-outs do not disturb the others.
 * Without a usable time-stamp counter it prints why and exits with status 2.
 *
 *   vmbench [ROUNDS [SWAP_ROUNDS [SWAP_MB]]]    defaults 5, 3, 96
 *   vmbench --exit                              returns 0 at once (spawn_exit_wait's child) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vados/calls.h"

#define PG              4096u
#define MAX_ROUNDS      15
#define SYSCALL_LOOPS   20000
#define RESERVE_LOOPS   2000
#define PROTECT_LOOPS   20000
#define DZ_BYTES        (32u << 20)
#define IDLE_MS         500

enum figure {
	NULL_SYSCALL, DZ_FAULT, TOUCH_RESIDENT, RESERVE_64K, RESERVE_1G, ALLOC_TOUCH16,
	PROTECT, PROTECT_10, PROTECT_10K, QUERY_10, QUERY_10K, SWAP_WRITE, SWAP_READ,
	SWAP_BAD, MALLOC_SMALL, MALLOC_64K, SPAWN_EXIT_WAIT, THREAD_CREATE_JOIN, EVENT_PINGPONG,
	FIGURES
};

static const char *const figure_name[] = {
	"null_syscall_cycles", "dz_fault_cycles_per_page", "touch_resident_cycles_per_page",
	"reserve_release_64K_cycles", "reserve_release_1G_cycles", "alloc_touch16_free_cycles",
	"protect_cycles", "protect_10_regions_cycles", "protect_10k_regions_cycles",
	"query_10_regions_cycles", "query_10k_regions_cycles", "swap_write_cycles_per_page",
	"swap_read_cycles_per_page", "swap_bad_pages", "malloc_free_small_cycles",
	"malloc_free_64K_cycles", "spawn_exit_wait_cycles", "thread_create_join_cycles",
	"event_pingpong_cycles",
};
_Static_assert(sizeof(figure_name) / sizeof(figure_name[0]) == FIGURES, "a name each");

#define COUNTERS (sizeof(struct vados_mm_counters) / sizeof(unsigned int))
_Static_assert(sizeof(struct vados_mm_counters) % sizeof(unsigned int) == 0, "all unsigned");

static const char *const counter_name[] = {
	"demand_zero_faults", "image_faults", "soft_faults", "hard_faults",
	"collided_faults", "guard_faults", "access_violations", "in_page_errors",
	"pages_trimmed", "clean_pages_dropped", "swap_copies_kept",
	"swap_copies_dropped", "zeroed_by_idle", "zeroed_on_fault_path",
	"swap_pages_written", "swap_pages_read", "swap_write_requests", "swap_read_requests",
	"tlb_page_flushes", "tlb_full_flushes", "address_space_switches",
	"large_pages_made", "large_page_moves",
	"cache_hits", "cache_misses", "cache_pages_read", "cache_pages_written", "cache_lazy_pages",
};
_Static_assert(sizeof(counter_name) / sizeof(counter_name[0]) == COUNTERS, "a name each");

static uint64_t samples[FIGURES][MAX_ROUNDS];
static int sampled[FIGURES];
static uint32_t swap_mb = 96;
static volatile int rdtsc_faulted;

/* The time-stamp counter. */
static inline uint64_t rdtsc(void)
{
	uint64_t t;

	asm volatile("rdtsc" : "=A"(t));
	return t;
}

/* Records one round's value of figure f. */
static void record(enum figure f, uint64_t value)
{
	if (sampled[f] < MAX_ROUNDS)
		samples[f][sampled[f]++] = value;
}

/* Cycles per unit of the interval that started at t0. */
static uint64_t per(uint64_t t0, uint32_t units)
{
	return (rdtsc() - t0) / units;
}

/* Fails the run: a call the benchmark needs did not work. */
static void die(const char *what)
{
	printf("vmbench: %s failed: error %lu\n", what, GetLastError());
	ExitProcess(1);
}

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

#define SPAWN_LOOPS    200
#define THREAD_LOOPS   2000
#define PINGPONG_LOOPS 20000

/* Starts this program with --exit (its main returns 0 at once), waits for it,
 * checks its exit code (the peer's waitpid status) and closes both handles;
 * SPAWN_LOOPS times. */
static void work_spawn(void)
{
	char cmdline[] = "vmbench --exit";
	uint64_t t0 = rdtsc();

	for (int i = 0; i < SPAWN_LOOPS; i++) {
		PROCESS_INFORMATION pi;
		STARTUPINFOA si = { .cb = sizeof(si) };
		DWORD code = 1;

		if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
			die("CreateProcessA");
		if (WaitForSingleObject(pi.hProcess, INFINITE) != WAIT_OBJECT_0 ||
		    !GetExitCodeProcess(pi.hProcess, &code) || code != 0)
			die("the --exit child");
		CloseHandle(pi.hThread);
		CloseHandle(pi.hProcess);
	}
	record(SPAWN_EXIT_WAIT, per(t0, SPAWN_LOOPS));
}

static DWORD returned[THREAD_LOOPS];

/* A thread that returns at once, leaving its parameter where the creator
 * checks it (the peer's pthread_join result). */
static DWORD WINAPI return_at_once(LPVOID parameter)
{
	returned[(uintptr_t)parameter - 1] = (uintptr_t)parameter;
	return 0;
}

/* CreateThread, WaitForSingleObject, CloseHandle; THREAD_LOOPS times. */
static void work_thread_create_join(void)
{
	uint64_t t0 = rdtsc();

	for (uintptr_t i = 1; i <= THREAD_LOOPS; i++) {
		HANDLE h = CreateThread(NULL, 0, return_at_once, (LPVOID)i, 0, NULL);

		if (!h)
			die("CreateThread");
		if (WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0)
			die("WaitForSingleObject on a thread");
		CloseHandle(h);
	}
	record(THREAD_CREATE_JOIN, per(t0, THREAD_LOOPS));
	for (uintptr_t i = 1; i <= THREAD_LOOPS; i++)
		if (returned[i - 1] != i)
			die("a thread's parameter");
	memset(returned, 0, sizeof(returned));
}

static HANDLE ping, pong;
static volatile unsigned pongs;

/* The second thread of the ping-pong: waits for ping, answers with pong. */
static DWORD WINAPI ponger(LPVOID unused)
{
	(void)unused;
	for (int i = 0; i < PINGPONG_LOOPS; i++) {
		WaitForSingleObject(ping, INFINITE);
		pongs++;
		SetEvent(pong);
	}
	return 0;
}

/* Two threads alternate through two auto-reset events, PINGPONG_LOOPS round
 * trips: SetEvent(ping), WaitForSingleObject(pong) here. */
static void work_event_pingpong(void)
{
	HANDLE th;
	uint64_t t0;

	ping = CreateEventA(NULL, FALSE, FALSE, NULL);
	pong = CreateEventA(NULL, FALSE, FALSE, NULL);
	pongs = 0;
	if (!ping || !pong || !(th = CreateThread(NULL, 0, ponger, NULL, 0, NULL)))
		die("the ping-pong's events and thread");
	t0 = rdtsc();
	for (int i = 0; i < PINGPONG_LOOPS; i++) {
		SetEvent(ping);
		WaitForSingleObject(pong, INFINITE);
	}
	record(EVENT_PINGPONG, per(t0, PINGPONG_LOOPS));
	if (WaitForSingleObject(th, INFINITE) != WAIT_OBJECT_0 || pongs != PINGPONG_LOOPS)
		die("the ping-pong");
	CloseHandle(th);
	CloseHandle(ping);
	CloseHandle(pong);
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

struct workload {
	const char *name;
	void (*run)(void);
	unsigned int moved[COUNTERS];   /* counter deltas, summed over rounds */
	int rounds;
};

static struct workload cpu_work[] = {
	{ .name = "null_syscall", .run = work_null_syscall },
	{ .name = "demand_zero", .run = work_demand_zero },
	{ .name = "reserve_release", .run = work_reserve_release },
	{ .name = "alloc_touch16_free", .run = work_alloc_touch16 },
	{ .name = "protect", .run = work_protect },
	{ .name = "regions", .run = work_regions },
	{ .name = "malloc", .run = work_malloc },
	{ .name = "spawn_exit_wait", .run = work_spawn },
	{ .name = "thread_create_join", .run = work_thread_create_join },
	{ .name = "event_pingpong", .run = work_event_pingpong },
};

static struct workload swap_work = { .name = "swap", .run = work_swap };

/* The kernel's counters now, as an array. */
static void counters(unsigned int out[COUNTERS])
{
	struct vados_mm_counters c = vados_mm_counters();

	memcpy(out, &c, sizeof(c));
}

/* Runs one round of w, adding the counters it moved. */
static void run_round(struct workload *w)
{
	unsigned int before[COUNTERS], after[COUNTERS];

	counters(before);
	w->run();
	counters(after);
	for (size_t i = 0; i < COUNTERS; i++)
		w->moved[i] += after[i] - before[i];
	w->rounds++;
}

/* Prints w's counters per round, those that moved. */
static void print_work(const struct workload *w)
{
	printf("work %s", w->name);
	for (size_t i = 0; i < COUNTERS; i++)
		if (w->moved[i])
			printf(" %s=%u", counter_name[i], w->moved[i] / w->rounds);
	printf("\n");
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The sum of figure f over its rounds. */
static uint64_t total(enum figure f)
{
	uint64_t sum = 0;

	for (int i = 0; i < sampled[f]; i++)
		sum += samples[f][i];
	return sum;
}

/* Prints figure f's median ("bench"; swap_bad_pages: the sum), then every
 * round ("rounds"). */
static void print_figure(enum figure f)
{
	uint64_t sorted[MAX_ROUNDS];
	int n = sampled[f];

	if (!n)
		return;
	memcpy(sorted, samples[f], n * sizeof(sorted[0]));
	qsort(sorted, n, sizeof(sorted[0]), cmp_u64);
	printf("bench %s %llu\n", figure_name[f], f == SWAP_BAD ? total(f) : sorted[n / 2]);
	printf("rounds %s", figure_name[f]);
	for (int i = 0; i < n; i++)
		printf(" %llu", samples[f][i]);
	printf("\n");
}

static LONG CALLBACK rdtsc_probe_handler(PEXCEPTION_POINTERS ep)
{
	DWORD code = ep->ExceptionRecord->ExceptionCode;

	if (code != STATUS_ILLEGAL_INSTRUCTION && code != STATUS_PRIVILEGED_INSTRUCTION)
		return EXCEPTION_CONTINUE_SEARCH;
	rdtsc_faulted = 1;
	ep->ContextRecord->Eip += 2;    /* rdtsc is 0F 31 */
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* CPUID leaf 1's EDX, or 0 without CPUID (EFLAGS.ID cannot be toggled). */
static uint32_t cpuid_features(void)
{
	uint32_t before, after, a, b, c, d;

	asm volatile("pushfl; popl %0; movl %0, %1; xorl $0x200000, %1; pushl %1; popfl;"
		     "pushfl; popl %1; pushl %0; popfl" : "=&r"(before), "=&r"(after));
	if (!((before ^ after) & 0x200000))
		return 0;
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
	if (a < 1)
		return 0;
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
	return d;
}

/* Whether rdtsc works in ring 3: CPUID says there is a TSC, and executing it
 * raises nothing (a vectored handler catches #UD or #GP). */
static int have_tsc(void)
{
	PVOID h;

	if (!(cpuid_features() & (1u << 4))) {
		printf("vmbench: this CPU has no time-stamp counter (CPUID.1:EDX.TSC = 0): "
		       "make bench needs one (QEMU -cpu 486 has none)\n");
		return 0;
	}
	h = AddVectoredExceptionHandler(1, rdtsc_probe_handler);
	rdtsc();
	RemoveVectoredExceptionHandler(h);
	if (rdtsc_faulted)
		printf("vmbench: rdtsc faults in ring 3 (CR4.TSD?): make bench needs it\n");
	return !rdtsc_faulted;
}

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
	swap_mb = arg(argc, argv, 3, 96, 1, 1024);
	if (!have_tsc())
		return 2;
	printf("vmbench: %u rounds, %u swap rounds of %u MB\n", rounds, swap_rounds, swap_mb);
	counters(start);
	for (uint32_t r = 0; r < rounds; r++) {
		Sleep(IDLE_MS);
		for (size_t w = 0; w < sizeof(cpu_work) / sizeof(cpu_work[0]); w++)
			run_round(&cpu_work[w]);
	}
	for (uint32_t r = 0; r < swap_rounds; r++)
		run_round(&swap_work);
	counters(end);
	for (int f = 0; f < FIGURES; f++)
		print_figure(f);
	for (size_t w = 0; w < sizeof(cpu_work) / sizeof(cpu_work[0]); w++)
		print_work(&cpu_work[w]);
	if (swap_rounds)
		print_work(&swap_work);
	for (size_t i = 0; i < COUNTERS; i++)
		printf("counter %s %u\n", counter_name[i], end[i] - start[i]);
	return total(SWAP_BAD) != 0;
}
