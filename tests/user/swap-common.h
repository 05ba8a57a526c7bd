/* Shared by the swap tests: the machine's figures and a checked pattern. */
#ifndef TESTS_USER_SWAP_COMMON_H
#define TESTS_USER_SWAP_COMMON_H

#include <stdio.h>
#include <windows.h>
#include <psapi.h>
#include "vados/calls.h"

/* The kernel's memory figures (vados extension: swap slots). The thread's
 * TEB is pageable like any page of the process: it is touched first, so a
 * slot it held while the test's buffer pushed it out is not counted as the
 * buffer's. */
static inline struct vados_memory_status swap_status(void)
{
	struct vados_memory_status s = { 0 };
	uint32_t args[1] = { (uint32_t)&s };

	NtCurrentTeb()->LastErrorValue = GetLastError();

	vados_syscall(SYS_MEMORY_STATUS, args);
	return s;
}

/* Slots that hold paged-out data: in use, less the copies resident pages
 * keep (those go back by themselves when the pages are written or swap
 * runs short). */
static inline uint32_t swap_slots_holding(const struct vados_memory_status *s)
{
	return s->swap_slots_used - s->swap_slots_copies;
}

/* The word a pattern puts at index i of a buffer, for seed. */
static inline uint32_t swap_word(uint32_t i, uint32_t seed)
{
	return (i * 2654435761u) ^ seed ^ (i >> 10);
}

/* The next number of xorshift generator *state (never 0). */
static inline uint32_t swap_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Swap pages written and read since boot, machine-wide, in MB. */
static inline uint32_t swap_traffic_mb(void)
{
	struct vados_mm_counters c = vados_mm_counters();

	return (c.swap_pages_written + c.swap_pages_read) / 256;
}

static inline PROCESS_MEMORY_COUNTERS swap_counters(void)
{
	PROCESS_MEMORY_COUNTERS c = { 0 };

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c;
}

#endif
