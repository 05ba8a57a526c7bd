/* Mutant objects (Win32's mutexes): ob's Mutant type around ke's KMUTANT
 * (kernel/ke/mutant.h). Part of kernel/ex (see kernel/ex/event.h). */
#ifndef KERNEL_EX_MUTANT_H
#define KERNEL_EX_MUTANT_H

#include "kernel/ke/mutant.h"
#include "kernel/ob/ob.h"

#define MUTANT_QUERY_STATE 0x0001u      /* = MUTEX_MODIFY_STATE */
#define MUTANT_ALL_ACCESS  0x001f0001u

struct mutant {
	struct ke_mutant km;
};

extern struct ob_type mutant_type;

/* Registers the Mutant type (once, at boot). */
void mutant_init(void);
/* A new mutant, referenced once, owned by the calling thread when
 * initial_owner; NULL when the pool is exhausted. */
struct mutant *mutant_create(bool initial_owner);

#endif
