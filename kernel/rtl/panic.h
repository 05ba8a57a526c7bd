/* Fatal kernel errors: a loud report, then halt (or exit QEMU in tests). */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "arch/trap.h"
#include "kernel/rtl/cmdline.h"

/* What panic does after its report (set from panic= on the command line). */
void panic_set_action(enum panic_action action);

/* Prints the message, the registers, CR0/CR2/CR3/CR4 and a symbolized backtrace
 * of the caller, then halts or exits with EXIT_PANIC. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* The trap_fatal_fn for exceptions nobody resolved: the same report for the
 * trapped context, with the exception decoded. */
__attribute__((noreturn)) void panic_trap(struct trap_frame *f);

/* Prints "#n 0xADDR symbol+off" lines walking the frame-pointer chain from ebp,
 * starting with eip itself. Stops at a null, unreadable or non-ascending frame. */
void backtrace_print(uint32_t eip, uint32_t ebp);

#endif
