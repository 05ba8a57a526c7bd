/* Semaphore objects: ob's Semaphore type around ke's KSEMAPHORE
 * (kernel/ke/dispatcher.h). Part of kernel/ex (see kernel/ex/event.h). */
#ifndef KERNEL_EX_SEMAPHORE_H
#define KERNEL_EX_SEMAPHORE_H

#include "kernel/ke/dispatcher.h"
#include "kernel/ob/ob.h"

#define SEMAPHORE_QUERY_STATE  0x0001u
#define SEMAPHORE_MODIFY_STATE 0x0002u
#define SEMAPHORE_ALL_ACCESS   0x001f0003u

struct semaphore {
	struct ke_semaphore ks;
};

extern struct ob_type semaphore_type;

/* Registers the Semaphore type (once, at boot). */
void semaphore_init(void);
/* A new semaphore of count initial and maximum limit (0 <= initial <= limit,
 * limit > 0: the caller checks), referenced once; NULL when the pool is
 * exhausted. */
struct semaphore *semaphore_create(int32_t initial, int32_t limit);

#endif
