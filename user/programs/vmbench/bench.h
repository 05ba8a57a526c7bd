/* vmbench's shared part (bench.c): the figures (rows) of both boots of make
 * bench, their rounds and how they are printed, the kernel's counters per
 * workload, the time-stamp counter. The first boot's rows are in vmbench.c,
 * the second boot's (vmbench --more) in more.c; both call only this and the
 * Win32 API. */
#ifndef VMBENCH_BENCH_H
#define VMBENCH_BENCH_H

#include <stdint.h>
#include <windows.h>
#include "vados/calls.h"

#define PG         4096u
#define MAX_ROUNDS 15
#define IDLE_MS    500          /* before each round: the zero-page thread refills */

/* Every row, in the table's order: the first boot's, then the second's. */
enum figure {
	NULL_SYSCALL, DZ_FAULT, TOUCH_RESIDENT, RESERVE_64K, RESERVE_1G, ALLOC_TOUCH16,
	PROTECT, PROTECT_10, PROTECT_10K, QUERY_10, QUERY_10K, SWAP_WRITE, SWAP_READ,
	SWAP_BAD, MALLOC_SMALL, MALLOC_64K,
	SPAWN_EXIT_WAIT, THREAD_CREATE_JOIN, EVENT_PINGPONG, SHM_MAP_TOUCH16, SHARED_SOFT_FAULT,
	COW_FAULT, FILE_WRITE_SEQ, FILE_READ_WARM, FILE_READ_COLD, MAPPED_READ_COLD,
	SMALL_FILE_CREATE_DELETE,
	FIGURES
};

#define COUNTERS (sizeof(struct vados_mm_counters) / sizeof(unsigned int))

/* A workload: one function recording one or more figures per call (a round),
 * and the kernel counters its rounds moved. */
struct workload {
	const char *name;
	void (*run)(void);
	unsigned int moved[COUNTERS];   /* counter deltas, summed over rounds */
	int rounds;
};

/* The time-stamp counter. */
static inline uint64_t rdtsc(void)
{
	uint64_t t;

	asm volatile("rdtsc" : "=A"(t));
	return t;
}

/* Records one round's value of figure f. */
void record(enum figure f, uint64_t value);

/* Marks figure f as not measured in this boot, for the reason why (one line,
 * printed as "missing NAME WHY" in the figure's place). */
void missing(enum figure f, const char *why);

/* Cycles per unit of the interval that started at t0. */
uint64_t per(uint64_t t0, uint32_t units);

/* Fails the run: a call the benchmark needs did not work. */
void die(const char *what) __attribute__((noreturn));

/* The sum of figure f over its rounds. */
uint64_t total(enum figure f);

/* The kernel's counters now, as an array. */
void counters(unsigned int out[COUNTERS]);

/* Runs one round of w, adding the counters it moved. */
void run_round(struct workload *w);

/* Runs rounds rounds of the n workloads w, each round after IDLE_MS. */
void run_rounds(struct workload *w, size_t n, uint32_t rounds);

/* Prints every figure recorded ("bench" median, "rounds") or missing, in
 * enum order, then the "work" line of each of the n workloads w that ran. */
void print_results(const struct workload *w, size_t n);

/* Prints the counters' moves from start to end ("counter"). */
void print_counters(const unsigned int start[COUNTERS], const unsigned int end[COUNTERS]);

/* Whether rdtsc works in ring 3; says why not when it does not. */
int have_tsc(void);

/* The second boot's rows: vmbench --more DIR [ROUNDS] (more.c). */
int more_main(const char *dir, uint32_t rounds);

#endif
