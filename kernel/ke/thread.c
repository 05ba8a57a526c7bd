/* Kernel threads and the round-robin scheduler; see kernel/ke/thread.h. */
#include "kernel/ke/thread.h"
#include "kernel/ke/lock.h"
#include "kernel/ke/mutant.h"
#include "kernel/ke/queue.h"
#include "kernel/ke/systime.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/trap.h"
#include "kernel/ps/process.h"
#include "mm/aspace.h"
#include "mm/pfn.h"
#include "mm/pool.h"

static struct thread main_thread, *idle;
struct thread *thread_now = &main_thread;
/* Windows' initial x87 control word (_CW_DEFAULT): every exception masked,
 * 53-bit precision, round to nearest. */
#define FPU_CONTROL_DEFAULT 0x027f
static struct arch_fpu_state clean_fpu;         /* what every new thread starts with */
static uint32_t fpu_pid;                /* whose ring-3 FPU state was loaded last */
static struct wait_queue ready[PRIORITY_LEVELS], dead;
static uint32_t ready_mask;                     /* bit n: ready[n] is not empty */
static bool preempt_pending;                    /* a thread above the running one is ready */
static vaddr_t loaded_teb;                      /* SEL_UTEB's base */
static struct thread *all = &main_thread;
static uint32_t next_id = 1, thread_count = 1, switches, quantum_left;


static void queue_push(struct wait_queue *q, struct thread *t)
{
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

/* Takes t out of q wherever it is; false if it was not there. */
static bool queue_remove(struct wait_queue *q, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread *i = q->head; i; prev = i, i = i->next) {
		if (i != t)
			continue;
		if (prev)
			prev->next = t->next;
		else
			q->head = t->next;
		if (q->tail == t)
			q->tail = prev;
		t->next = NULL;
		return true;
	}
	return false;
}

static struct thread *queue_pop(struct wait_queue *q)
{
	struct thread *t = q->head;

	if (t) {
		q->head = t->next;
		if (!q->head)
			q->tail = NULL;
		t->next = NULL;
	}
	return t;
}

/* Puts ready thread t at the back of its level's queue. */
static void ready_insert(struct thread *t)
{
	t->state = THREAD_READY;
	t->ready_since = timer_ticks();
	queue_push(&ready[t->priority], t);
	ready_mask |= 1u << t->priority;
	if (t->priority > thread_now->priority)
		preempt_pending = true;
}

/* Takes ready thread t out of its queue. */
static void ready_remove(struct thread *t)
{
	queue_remove(&ready[t->priority], t);
	if (!ready[t->priority].head)
		ready_mask &= ~(1u << t->priority);
}

/* The first thread of the highest non-empty level at or above min, taken
 * off its queue; NULL if there is none. */
static struct thread *ready_pop(uint32_t min)
{
	struct thread *t;
	uint32_t level;

	if ((ready_mask >> min) == 0)
		return NULL;
	level = 31 - (uint32_t)__builtin_clz(ready_mask);
	t = queue_pop(&ready[level]);
	if (!ready[level].head)
		ready_mask &= ~(1u << level);
	return t;
}

/* Frees the stacks and records of threads that ended; never the current one. */
static void reap_dead(void)
{
	struct thread *t;

	while ((t = queue_pop(&dead)) != NULL) {
		struct thread **link = &all;
		while (*link != t)
			link = &(*link)->all_next;
		*link = t->all_next;
		kpage_free((void *)t->stack);
		thread_count--;
		if (t->release)
			t->release(t);
		else
			kfree(t);
	}
}

/* Switches to the next thread. A running caller keeps the CPU unless a
 * thread of its priority or higher is ready (of any priority when any), and
 * else goes to the back of its level; a blocked or dead one was parked by its
 * caller, and idle runs when nothing is ready. Interrupts must be off. */
static void schedule(bool any)
{
	struct thread *prev = thread_now, *next;
	bool running = prev->state == THREAD_RUNNING && prev != idle;

	ke_lock_check_switch(prev);
	next = ready_pop(running && !any ? prev->priority : 0);
	if (!next)
		next = prev->state == THREAD_RUNNING ? prev : idle;
	quantum_left = SCHED_QUANTUM;
	preempt_pending = false;
	if (next == prev)
		return;
	if (running)
		ready_insert(prev);
	else if (prev->state == THREAD_RUNNING)
		prev->state = THREAD_READY;     /* idle: on no queue */
	next->state = THREAD_RUNNING;
	thread_now = next;
	switches++;
	/* The kernel half is the same in every directory, so a kernel thread
	 * runs on whichever is loaded: no CR3 reload (a full TLB flush) for
	 * the idle, balance and writer threads. */
	if (next->attached)             /* ReadProcessMemory and the like */
		aspace_activate(next->attached->pd);
	else if (next->process)
		aspace_activate(next->process->pd);
	if (next->teb && next->teb != loaded_teb) {
		loaded_teb = next->teb;
		gdt_set_teb(loaded_teb);
	}
	if (next->stack)
		arch_set_kernel_stack(next->stack + (KSTACK_PAGES + 1) * PAGE_SIZE);
	/* Threads of one process may read each other's memory anyway: only
	 * a change of process needs AMD's x87 pointers scrubbed (kernel
	 * threads run no x87 code, so they leave the last process's). */
	arch_fpu_switch(&prev->fpu, &next->fpu,
			next->process && next->process->pid != fpu_pid);
	if (next->process)
		fpu_pid = next->process->pid;
	arch_switch_context(&prev->esp, next->esp);
	reap_dead();
}

void thread_yield(void)
{
	bool irq = irq_save();

	schedule(false);
	irq_restore(irq);
}

bool thread_switch_any(void)
{
	bool irq = irq_save(), others = ready_mask != 0;

	schedule(true);
	irq_restore(irq);
	return others;
}

void thread_preempt_check(void)
{
	bool irq = irq_save();

	if (preempt_pending)
		schedule(false);
	irq_restore(irq);
}

/* A blocked thread becomes ready: off its wait queue and the sleepers, with
 * NT's wait boost (+1 for a quantum) below the real-time levels, unless
 * SetThreadPriorityBoost disabled it. The
 * kernel's own threads get none: NT runs its system threads at real-time
 * levels, which are never boosted (here the writer, boosted after each
 * write, would preempt ring 3 after every disk interrupt). */
static void make_ready(struct thread *t)
{
	if (t->waiting_on)
		queue_remove(t->waiting_on, t);
	ke_timer_remove_locked(&t->wake);
	t->waiting_on = NULL;
	t->wait_reason = NULL;
	if (t->process && !t->no_boost && t->base_priority < PRIORITY_BOOST_MAX &&
	    t->priority < PRIORITY_BOOST_MAX)
		t->priority = t->priority > t->base_priority ? t->priority : t->base_priority + 1;
	ready_insert(t);
}

/* NT's balance set manager's starvation rule, once a second: a thread ready
 * for STARVATION_TICKS below level 15 runs its next quantum at 15. */
static void starvation_boost(void)
{
	uint32_t now = timer_ticks();

	for (uint32_t level = 1; level < PRIORITY_BOOST_MAX; level++) {
		struct thread *t = ready[level].head, *next;
		for (; t; t = next) {
			next = t->next;
			if (now - t->ready_since < STARVATION_TICKS)
				continue;
			ready_remove(t);
			t->priority = PRIORITY_BOOST_MAX;
			t->starved = true;
			ready_insert(t);
		}
	}
}

/* A quantum was used up: a boost decays one level (a starvation boost
 * all at once). */
static void quantum_end(struct thread *t)
{
	if (t->starved) {
		t->starved = false;
		t->priority = t->base_priority;
	} else if (t->priority > t->base_priority) {
		t->priority--;
	}
}

/* The CPU's time since boot by kind (the idle thread's is idle, not
 * kernel), counted by the tick. */
static struct {
	uint32_t idle_ticks, kernel_ticks, user_ticks;
} cpu_ticks;

/* Charges the tick to t, its process and the CPU's totals. */
static void charge_tick(struct thread *t, bool user)
{
	if (t == idle) {
		cpu_ticks.idle_ticks++;
		return;
	}
	if (user) {
		cpu_ticks.user_ticks++;
		t->times.user_ticks++;
		if (t->owner_times)
			t->owner_times->user_ticks++;
	} else {
		cpu_ticks.kernel_ticks++;
		t->times.kernel_ticks++;
		if (t->owner_times)
			t->owner_times->kernel_ticks++;
	}
}

/* A timed sleep's deadline passed (kernel/ke/timer.h, in the tick). */
static void wake_expired(struct ke_timer_entry *e)
{
	struct thread *t = (struct thread *)((char *)e - offsetof(struct thread, wake));

	if (t->state == THREAD_BLOCKED)
		make_ready(t);
}

/* Every tick: the timers that are due expire (waking the sleepers among
 * them), and the CPU is preempted when the quantum is used up or a higher
 * level became ready. Runs in the timer interrupt, so a switch here
 * preempts. */
static void sched_tick(void)
{
	charge_tick(thread_now, timer_tick_from_user());
	ke_timer_tick();
	if (timer_ticks() % 100 == 0)
		starvation_boost();
	if (thread_now == idle) {
		if (ready_mask)
			thread_yield();
		return;
	}
	if (--quantum_left == 0) {
		quantum_end(thread_now);
		thread_yield();
	} else if (preempt_pending) {
		thread_yield();
	}
}

enum wait_result wait_queue_sleep_timeout(struct wait_queue *q, uint32_t ticks)
{
	bool irq = irq_save();
	uint32_t deadline = timer_ticks() + ticks;
	enum wait_result r;

	/* A thread being terminated never blocks again: whatever woke it (or
	 * did not), its next wait returns at once so it reaches ring 3 and ends. */
	if (thread_now->kill) {
		irq_restore(irq);
		return WAIT_INTERRUPTED;
	}
	ke_queue_thread_blocks_locked(thread_now);
	thread_now->interrupted = false;
	thread_now->state = THREAD_BLOCKED;
	thread_now->wait_reason = q ? (q->reason ? q->reason : "Executive") : "DelayExecution";
	if (q) {
		thread_now->waiting_on = q;
		queue_push(q, thread_now);
	}
	if (ticks != WAIT_FOREVER) {
		thread_now->wake.expire = wake_expired;
		ke_timer_insert_locked(&thread_now->wake, deadline);
	}
	schedule(false);
	ke_queue_thread_wakes_locked(thread_now);
	if (thread_now->interrupted)
		r = WAIT_INTERRUPTED;
	else if (ticks != WAIT_FOREVER && (int32_t)(timer_ticks() - deadline) >= 0)
		r = WAIT_TIMED_OUT;
	else
		r = WAIT_WOKEN;
	irq_restore(irq);
	return r;
}

void thread_sleep(uint32_t ticks)
{
	wait_queue_sleep_timeout(NULL, ticks ? ticks : 1);
}

void wait_queue_sleep(struct wait_queue *q)
{
	wait_queue_sleep_timeout(q, WAIT_FOREVER);
}

void wait_queue_sleep_uninterruptible(struct wait_queue *q)
{
	bool irq = irq_save();

	ke_queue_thread_blocks_locked(thread_now);
	thread_now->uninterruptible = true;
	thread_now->state = THREAD_BLOCKED;
	thread_now->wait_reason = q->reason ? q->reason : "Executive";
	thread_now->waiting_on = q;
	queue_push(q, thread_now);
	schedule(false);
	ke_queue_thread_wakes_locked(thread_now);
	thread_now->uninterruptible = false;
	irq_restore(irq);
}

void wait_queue_wake_all(struct wait_queue *q)
{
	bool irq = irq_save();

	while (q->head)
		make_ready(q->head);
	irq_restore(irq);
}

void thread_interrupt(struct thread *t)
{
	bool irq = irq_save();

	/* Any blocked thread, even one waiting on nothing (Sleep(INFINITE)),
	 * but not one in an uninterruptible wait: its disk I/O must end first. */
	if (t->state == THREAD_BLOCKED && !t->uninterruptible) {
		t->interrupted = true;
		make_ready(t);
	}
	irq_restore(irq);
}

void thread_exit(void)
{
	irq_disable();
	if (thread_now == &main_thread || thread_now == idle)
		panic("thread_exit: the %s thread cannot exit", thread_now->name);
	ke_abandon_mutants(thread_now);
	thread_now->exit_time = ke_system_time();
	thread_now->state = THREAD_DEAD;
	queue_push(&dead, thread_now);
	schedule(false);
	panic("thread_exit: a dead thread ran again");
}

struct trap_frame *thread_user_frame(const struct thread *t)
{
	return (struct trap_frame *)(t->stack + (KSTACK_PAGES + 1) * PAGE_SIZE) - 1;
}

struct arch_fpu_state *thread_fpu_locked(struct thread *t)
{
	if (t == thread_now)
		arch_fpu_save(&t->fpu);
	return &t->fpu;
}

void thread_fpu_changed_locked(struct thread *t)
{
	if (t == thread_now)
		arch_fpu_load(&t->fpu);
}

/* Where every new thread starts (see arch_prepare_stack). */
static void thread_begin(void)
{
	quantum_left = SCHED_QUANTUM;
	irq_enable();
	thread_now->entry(thread_now->arg);
	thread_exit();
}

struct thread *thread_create(const char *name, void (*entry)(void *), void *arg)
{
	return thread_create_in(name, entry, arg, NULL);
}

bool thread_setup(struct thread *t, const char *name, void (*entry)(void *), void *arg,
		  struct process *p)
{
	void *stack = kpage_alloc_guarded(KSTACK_PAGES);
	bool irq;

	if (!stack)
		return false;
	/* The run's first page is the unmapped guard: an overflow faults into the
	 * double-fault task instead of running over the neighbour. */
	t->stack = (vaddr_t)stack;
	t->entry = entry;
	t->arg = arg;
	t->process = p;
	t->fpu = clean_fpu;
	t->state = THREAD_BLOCKED;
	t->wait_reason = "Initialized";
	t->base_priority = t->priority = PRIORITY_NORMAL;
	t->create_time = ke_system_time();
	strlcpy(t->name, name, sizeof(t->name));
	/* Its first frames start below the ring-3 trap frame's place, which a
	 * ring-3 thread's start fills (thread_user_frame). */
	t->esp = arch_prepare_stack((vaddr_t)thread_user_frame(t), thread_begin);
	irq = irq_save();
	t->id = next_id++;
	t->all_next = all;
	all = t;
	thread_count++;
	irq_restore(irq);
	return true;
}

void thread_start(struct thread *t)
{
	bool irq = irq_save();

	t->wait_reason = NULL;
	ready_insert(t);
	irq_restore(irq);
}

struct thread *thread_create_in(const char *name, void (*entry)(void *), void *arg,
				struct process *p)
{
	struct thread *t = kmalloc(sizeof(*t));

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	if (!thread_setup(t, name, entry, arg, p)) {
		kfree(t);
		return NULL;
	}
	if (idle)
		thread_start(t);
	return t;
}

void thread_set_priority(struct thread *t, uint8_t base)
{
	bool irq = irq_save();

	if (t->state == THREAD_READY && t != idle)
		ready_remove(t);
	t->base_priority = base;
	t->priority = base;
	t->starved = false;
	if (t->state == THREAD_READY && t != idle)
		ready_insert(t);
	else if (t == thread_now && ready_mask >> (base + 1))
		preempt_pending = true;         /* lowered below a ready thread */
	irq_restore(irq);
}

void thread_kill(struct thread *t)
{
	bool irq = irq_save();

	t->kill = true;
	thread_interrupt(t);
	irq_restore(irq);
}

void thread_for_each(void (*fn)(const struct thread *t, void *ctx), void *ctx)
{
	bool irq = irq_save();

	for (const struct thread *t = all; t; t = t->all_next)
		fn(t, ctx);
	irq_restore(irq);
}

static void idle_loop(void *arg)
{
	(void)arg;
	/* NT's zero-page thread runs at the lowest priority: here, whenever
	 * nothing else can run. An interrupt that readied a thread (a disk
	 * completion, say) is followed by a switch at once, not at the next
	 * tick. */
	for (;;) {
		irq_disable();          /* no wake-up slips in between: sti; hlt is atomic */
		if (ready_mask)
			thread_yield();
		else if (pfn_zero_one())
			irq_enable();   /* between two frames pending interrupts come in */
		else
			cpu_relax_until_irq();
	}
}

void sched_init(void)
{
	arch_fpu_init(&clean_fpu, FPU_CONTROL_DEFAULT);
	strlcpy(main_thread.name, "main", sizeof(main_thread.name));
	main_thread.state = THREAD_RUNNING;
	main_thread.base_priority = main_thread.priority = PRIORITY_NORMAL;
	idle = thread_create("idle", idle_loop, NULL);
	if (!idle)
		panic("sched_init: no memory for the idle thread");
	idle->base_priority = idle->priority = 0;
	idle->state = THREAD_READY;     /* on no queue: runs when nothing else can */
	quantum_left = SCHED_QUANTUM;
	timer_set_tick_handler(sched_tick);
}

const struct thread *thread_guard_owner(vaddr_t addr)
{
	if (addr >= (vaddr_t)boot_stack_guard && addr < (vaddr_t)boot_stack_bottom)
		return &main_thread;
	for (const struct thread *t = all; t; t = t->all_next)
		if (t->stack && addr >= t->stack && addr < t->stack + PAGE_SIZE)
			return t;
	return NULL;
}

void sched_get_stats(struct sched_stats *s)
{
	bool irq = irq_save();
	uint32_t n = 0;

	for (uint32_t level = 0; level < PRIORITY_LEVELS; level++)
		for (const struct thread *t = ready[level].head; t; t = t->next)
			n++;
	*s = (struct sched_stats){ thread_count, n, switches, cpu_ticks.idle_ticks,
				   cpu_ticks.kernel_ticks, cpu_ticks.user_ticks };
	irq_restore(irq);
}
