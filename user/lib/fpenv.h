/* The x87 environment the C library's own computations need
 * (user/lib/float_control.c). */
#ifndef USER_LIB_FPENV_H
#define USER_LIB_FPENV_H

/* Switches to 64-bit precision, round to nearest, every exception masked
 * (Microsoft's library computes its transcendentals so, whatever the
 * caller's control word); returns the caller's word for fpenv_precise_leave. */
unsigned short fpenv_precise_enter(void);
/* Restores the caller's control word; the flags raised meanwhile stay set
 * except those of exceptions the caller has unmasked (their #MF would fault
 * the caller's next x87 instruction for the library's own work). */
void fpenv_precise_leave(unsigned short cw);
/* Sets the exception flags that mask names (Microsoft's _SW_ bits) to
 * flags' values, the others kept, on the x87 and SSE2's MXCSR where there is
 * SSE2; an x87 flag set whose exception is unmasked makes the next waiting
 * x87 instruction raise it (#MF). */
void fpenv_set_status(unsigned int flags, unsigned int mask);

#endif
