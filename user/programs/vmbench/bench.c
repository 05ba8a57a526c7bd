/* vmbench's shared part: figures, rounds, counters, printing, the TSC probe;
 * see bench.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "user/programs/vmbench/bench.h"

static const char *const figure_name[] = {
	"null_syscall_cycles", "dz_fault_cycles_per_page", "touch_resident_cycles_per_page",
	"reserve_release_64K_cycles", "reserve_release_1G_cycles", "alloc_touch16_free_cycles",
	"protect_cycles", "protect_10_regions_cycles", "protect_10k_regions_cycles",
	"query_10_regions_cycles", "query_10k_regions_cycles", "swap_write_cycles_per_page",
	"swap_read_cycles_per_page", "swap_bad_pages", "malloc_free_small_cycles",
	"malloc_free_64K_cycles", "spawn_exit_wait_cycles", "thread_create_join_cycles",
	"event_pingpong_cycles", "shm_map_touch16_unmap_cycles",
	"shared_soft_fault_cycles_per_page", "cow_fault_cycles_per_page",
	"file_write_seq_cycles_per_page", "file_read_warm_cycles_per_page",
	"file_read_cold_cycles_per_page", "mapped_read_cold_cycles_per_page",
	"small_file_create_delete_cycles",
};
_Static_assert(sizeof(figure_name) / sizeof(figure_name[0]) == FIGURES, "a name each");

_Static_assert(sizeof(struct vados_mm_counters) % sizeof(unsigned int) == 0, "all unsigned");

static const char *const counter_name[] = {
	"demand_zero_faults", "image_faults", "soft_faults", "hard_faults",
	"collided_faults", "guard_faults", "access_violations", "in_page_errors",
	"pages_trimmed", "clean_pages_dropped", "swap_copies_kept",
	"swap_copies_dropped", "zeroed_by_idle", "zeroed_on_fault_path",
	"swap_pages_written", "swap_pages_read", "swap_write_requests", "swap_read_requests",
	"tlb_page_flushes", "tlb_full_flushes", "address_space_switches",
	"large_pages_made", "large_page_moves",
};
_Static_assert(sizeof(counter_name) / sizeof(counter_name[0]) == COUNTERS, "a name each");

static uint64_t samples[FIGURES][MAX_ROUNDS];
static int sampled[FIGURES];
static const char *missing_why[FIGURES];
static volatile int rdtsc_faulted;

void record(enum figure f, uint64_t value)
{
	if (sampled[f] < MAX_ROUNDS)
		samples[f][sampled[f]++] = value;
}

void missing(enum figure f, const char *why)
{
	missing_why[f] = why;
}

uint64_t per(uint64_t t0, uint32_t units)
{
	return (rdtsc() - t0) / units;
}

void die(const char *what)
{
	printf("vmbench: %s failed: error %lu\n", what, GetLastError());
	ExitProcess(1);
}

uint64_t total(enum figure f)
{
	uint64_t sum = 0;

	for (int i = 0; i < sampled[f]; i++)
		sum += samples[f][i];
	return sum;
}

void counters(unsigned int out[COUNTERS])
{
	struct vados_mm_counters c = vados_mm_counters();

	memcpy(out, &c, sizeof(c));
}

void run_round(struct workload *w)
{
	unsigned int before[COUNTERS], after[COUNTERS];

	counters(before);
	w->run();
	counters(after);
	for (size_t i = 0; i < COUNTERS; i++)
		w->moved[i] += after[i] - before[i];
	w->rounds++;
}

void run_rounds(struct workload *w, size_t n, uint32_t rounds)
{
	for (uint32_t r = 0; r < rounds; r++) {
		Sleep(IDLE_MS);
		for (size_t i = 0; i < n; i++)
			run_round(&w[i]);
	}
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

/* Prints figure f's median ("bench"; swap_bad_pages: the sum), then every
 * round ("rounds"); or why it is missing. */
static void print_figure(enum figure f)
{
	uint64_t sorted[MAX_ROUNDS];
	int n = sampled[f];

	if (!n) {
		if (missing_why[f])
			printf("missing %s %s\n", figure_name[f], missing_why[f]);
		return;
	}
	memcpy(sorted, samples[f], n * sizeof(sorted[0]));
	qsort(sorted, n, sizeof(sorted[0]), cmp_u64);
	printf("bench %s %llu\n", figure_name[f], f == SWAP_BAD ? total(f) : sorted[n / 2]);
	printf("rounds %s", figure_name[f]);
	for (int i = 0; i < n; i++)
		printf(" %llu", samples[f][i]);
	printf("\n");
}

void print_results(const struct workload *w, size_t n)
{
	for (int f = 0; f < FIGURES; f++)
		print_figure(f);
	for (size_t i = 0; i < n; i++)
		if (w[i].rounds)
			print_work(&w[i]);
}

void print_counters(const unsigned int start[COUNTERS], const unsigned int end[COUNTERS])
{
	for (size_t i = 0; i < COUNTERS; i++)
		printf("counter %s %u\n", counter_name[i], end[i] - start[i]);
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

/* CPUID says there is a TSC, and executing rdtsc raises nothing (a vectored
 * handler catches #UD or #GP). */
int have_tsc(void)
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
