/* NT-style exceptions for ring 3: a fault the kernel cannot resolve, or
 * RaiseException, becomes an EXCEPTION_RECORD and a CONTEXT on the user stack
 * and enters the process's user-mode dispatcher, which runs the vectored
 * handlers and either continues (SYS_CONTINUE) or gives up
 * (SYS_UNHANDLED_EXCEPTION). */
#ifndef KERNEL_EXCEPTION_H
#define KERNEL_EXCEPTION_H

#include "arch/trap.h"
#include "user/include/vados/ntabi.h"

/* Turns the unresolved ring-3 trap f into an exception of the current
 * process: redirects f to its dispatcher, or ends the process (one report
 * line) when it has none or its stack cannot take the frames. */
void exception_from_trap(struct trap_frame *f);
/* The #PF handler: resolves a fault through the memory manager; an
 * unresolved one from ring 3 becomes the process's exception (access
 * violation, guard page, stack overflow). false for an unresolved kernel
 * fault. */
bool exception_page_fault(struct trap_frame *f);
/* Delivers rec, raised with the context in f; the same fallback. */
void exception_raise(struct trap_frame *f, const struct _EXCEPTION_RECORD *rec);
/* Ends the current process for rec with the one-line report. */
__attribute__((noreturn)) void exception_terminate(const struct _EXCEPTION_RECORD *rec);
/* The CONTEXT of ring-3 frame f (CONTEXT_FULL; the rest zero). */
void exception_context_from_frame(const struct trap_frame *f, struct _CONTEXT *c);
/* Loads the frame f will return to from a user CONTEXT; false (f untouched)
 * when it asks for kernel selectors, IOPL, virtual-8086 mode or the like. */
bool exception_continue(struct trap_frame *f, const struct _CONTEXT *ctx);
struct thread;
/* Fills the FPU groups flags names, as GetThreadContext does: with
 * CONTEXT_FLOATING_POINT c->FloatSave (t's x87 state as fnsave's image,
 * Cr0NpxState 0), with CONTEXT_EXTENDED_REGISTERS on a CPU with FXSR
 * c->ExtendedRegisters (FXSAVE's image: the XMM registers and MXCSR too);
 * adds each group filled to c->ContextFlags. */
void exception_context_fpu(struct thread *t, struct _CONTEXT *c, uint32_t flags);
/* Loads the FPU groups c->ContextFlags names into t: ExtendedRegisters
 * first (MXCSR's reserved bits dropped), then FloatSave over its x87 part
 * (Cr0NpxState ignored); pending unmasked x87 exceptions are raised by t's
 * next waiting x87 instruction. */
void exception_continue_fpu(struct thread *t, const struct _CONTEXT *c);

#endif
