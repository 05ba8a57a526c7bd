/* Traps and interrupts: the saved register frame and the dispatch table. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include "arch/types.h"

enum trap_vector {               /* Intel SDM vol. 3A, table 6-1 */
	T_DE = 0, T_DB = 1, T_NMI = 2, T_BP = 3, T_OF = 4, T_BR = 5, T_UD = 6,
	T_NM = 7, T_DF = 8, T_CSO = 9, T_TS = 10, T_NP = 11, T_SS = 12, T_GP = 13,
	T_PF = 14, T_MF = 16, T_AC = 17, T_MC = 18, T_XM = 19, T_VE = 20, T_CP = 21,
	T_EXCEPTIONS = 32,
	T_IRQ_BASE = 0x30,               /* the 8259 PICs, where NT puts them: clear */
	T_IRQ_COUNT = 16,                /* of the system-call vector 0x2E */
};

#define EFLAGS_TF 0x100u
#define EFLAGS_IF 0x200u
#define EFLAGS_DF 0x400u
#define EFLAGS_NT 0x4000u
#define EFLAGS_RF 0x10000u
#define EFLAGS_VM 0x20000u
#define EFLAGS_AC 0x40000u

/* Pushed by arch/isr.asm; the layout is shared with it. */
struct trap_frame {
	uint32_t cr2;                    /* set by trap_dispatch for #PF, else 0 */
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
	uint32_t vector, error;          /* error is 0 for vectors without one */
	uint32_t eip, cs, eflags;
	uint32_t user_esp, user_ss;      /* present only when the trap came from ring 3 */
};

static inline bool trap_from_user(const struct trap_frame *f) { return (f->cs & 3) == 3; }

/* Bytes the CPU and the stub push between the interrupted ESP and pusha's saved
 * ESP for a kernel-mode trap: vector, error, eip, cs, eflags. */
#define TRAP_KERNEL_PUSH 20u

/* The stack pointer of the interrupted code. */
static inline uint32_t trap_frame_esp(const struct trap_frame *f)
{
	return trap_from_user(f) ? f->user_esp : f->esp_pusha + TRAP_KERNEL_PUSH;
}

/* A handler returns true when it resolved the trap (execution resumes). */
typedef bool (*trap_handler_fn)(struct trap_frame *f);
/* Called for a trap nobody resolved; for kernel-mode faults it must not return. */
typedef void (*trap_fatal_fn)(struct trap_frame *f);
/* Called last before every return to ring 3 (may not return: a process ending). */
typedef void (*trap_user_return_fn)(struct trap_frame *f);
typedef void (*irq_handler_fn)(struct trap_frame *f);

/* Loads the IDT: every vector has a stub; #DF is a task gate to its own stack. */
void idt_init(void);
void trap_set_handler(unsigned vector, trap_handler_fn fn);
/* Lets ring 3 raise vector with an int instruction (a DPL-3 gate). */
void idt_allow_user(unsigned vector);
void trap_set_fatal(trap_fatal_fn fn);
void trap_set_user_return(trap_user_return_fn fn);
/* Entry from arch/isr.asm for every vector. */
void trap_dispatch(struct trap_frame *f);

/* Remaps and masks the 8259 pair; IRQs are unmasked by irq_set_handler. */
void pic_init(void);
void irq_set_handler(unsigned irq, irq_handler_fn fn);
/* Called by trap_dispatch for vectors T_IRQ_BASE .. +15. */
void pic_dispatch(struct trap_frame *f);
/* Interrupts no handler claimed (spurious IRQ 7/15 included), for diagnostics. */
extern uint32_t irq_spurious_count;

/* Starts PIT channel 0 at hz interrupts per second, counting ticks. */
void pit_init(unsigned hz);
/* Ticks since pit_init. */
uint32_t timer_ticks(void);
/* Called on every tick, in interrupt context, after the count advanced. */
void timer_set_tick_handler(void (*fn)(void));
/* Called on every tick before that handler (which may switch threads): the
 * devices' timeouts (ide_tick). */
void timer_set_device_tick(void (*fn)(void));
unsigned timer_hz(void);
/* Whether the tick being handled interrupted ring 3 (for the tick handler's
 * CPU time accounting). */
bool timer_tick_from_user(void);
/* A finer monotonic count since pit_init: timer_fine_hz() per second, the
 * PIT's input clock as divided for the tick (QueryPerformanceCounter). */
uint64_t timer_fine_count(void);
uint32_t timer_fine_hz(void);
/* Whether IRQ irq is requested and not yet taken (the PIC's IRR). */
bool pic_irq_pending(unsigned irq);

#endif
