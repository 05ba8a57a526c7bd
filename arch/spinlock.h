/* The CPU's atomic operations, as several CPUs need them: a spinlock word
 * taken with an atomic exchange, and counters updated with lock-prefixed
 * instructions (a plain ++ is a read, an add and a write another CPU can
 * interleave with). i486 has every one of them. Interrupts are the caller's
 * business: kernel/ke/lock.h builds the kernel's checked spinlocks (which
 * disable them) on this. */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include "arch/types.h"

struct arch_spinlock {
	volatile uint32_t locked;       /* 1 while held */
};

/* One attempt: true when the caller now holds l. The exchange is a full
 * barrier: nothing the holder reads or writes moves before it. */
static inline bool arch_spin_try(struct arch_spinlock *l)
{
	uint32_t old = 1;

	asm volatile("xchgl %0, %1" : "+r"(old), "+m"(l->locked) : : "memory");
	return old == 0;
}

/* Stores new in *p if it holds old; returns what *p held (old: stored). */
static inline uint32_t arch_cmpxchg(volatile uint32_t *p, uint32_t old, uint32_t new)
{
	asm volatile("lock; cmpxchgl %2, %1" : "+a"(old), "+m"(*p) : "r"(new) : "memory");
	return old;
}

/* Waits a moment inside a spin loop (PAUSE; a NOP before the Pentium 4). */
static inline void arch_spin_pause(void)
{
	asm volatile("rep; nop" : : : "memory");
}

/* Releases l. x86 keeps stores in order, so a plain store after a compiler
 * barrier publishes every write made while holding it. */
static inline void arch_spin_release(struct arch_spinlock *l)
{
	asm volatile("" : : : "memory");
	l->locked = 0;
}

/* Adds n to *v atomically (n may be negative through wrap-around). */
static inline void arch_atomic_add(volatile uint32_t *v, uint32_t n)
{
	asm volatile("lock; addl %1, %0" : "+m"(*v) : "ir"(n) : "memory");
}

#endif
