/* The kernel's entropy source, for address-space layout randomization: the
 * CPU's RDRAND where CPUID reports it, else timing jitter (the TSC's low bits
 * across a short loop, and the PIT's running count) mixed into a pool. Not a
 * cryptographic generator: each value is unpredictable enough to place an
 * allocation, no more. Callers serialize (one CPU, or their own lock). */
#ifndef ARCH_ENTROPY_H
#define ARCH_ENTROPY_H

#include "arch/types.h"

/* 32 fresh bits. */
uint32_t arch_random(void);
/* Where they come from: "rdrand", "tsc jitter" or "pit jitter". */
const char *arch_random_source(void);

#endif
