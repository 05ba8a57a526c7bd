/* Kernel threads and the round-robin scheduler; see kernel/ke/thread.h. */
#include "kernel/ke/thread.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "arch/arch.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/trap.h"
#include "kernel/ps/process.h"
#include "mm/aspace.h"
#include "mm/pfn.h"
#include "mm/pool.h"

static struct thread main_thread, *idle;
struct thread *thread_now = &main_thread;
static struct arch_fpu_state clean_fpu;         /* what every new thread starts with */
static struct wait_queue ready, dead;
/* Sleepers are linked through sleep_next, so a thread can wait on a queue
 * (through next) and for a deadline at once. */
static struct sleep_list { struct thread *head; } sleepers;

static void sleep_push(struct sleep_list *l, struct thread *t)
{
	t->sleep_next = l->head;
	l->head = t;
}

static struct thread *sleep_pop(struct sleep_list *l)
{
	struct thread *t = l->head;

	if (t) {
		l->head = t->sleep_next;
		t->sleep_next = NULL;
	}
	return t;
}

static void sleep_remove(struct sleep_list *l, struct thread *t)
{
	for (struct thread **link = &l->head; *link; link = &(*link)->sleep_next)
		if (*link == t) {
			*link = t->sleep_next;
			t->sleep_next = NULL;
			return;
		}
}
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

/* Frees the stacks and records of threads that ended; never the current one. */
static void reap_dead(void)
{
	struct thread *t;

	while ((t = queue_pop(&dead)) != NULL) {
		struct thread **link = &all;
		while (*link != t)
			link = &(*link)->all_next;
		*link = t->all_next;
		if (t->process)
			process_thread_gone(t->process);
		kpage_free((void *)t->stack);
		kfree(t);
		thread_count--;
	}
}

/* Switches to the next ready thread. A running caller goes to the back of the
 * ready queue (and keeps the CPU when nothing else is ready); a blocked or
 * dead one was parked by its caller, and idle runs when nothing is ready.
 * Interrupts must be off. */
static void schedule(void)
{
	struct thread *prev = thread_now, *next = queue_pop(&ready);

	ke_lock_check_switch(prev);
	if (!next)
		next = prev->state == THREAD_RUNNING ? prev : idle;
	quantum_left = SCHED_QUANTUM;
	if (next == prev)
		return;
	if (prev->state == THREAD_RUNNING) {
		prev->state = THREAD_READY;
		if (prev != idle)
			queue_push(&ready, prev);
	}
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
	if (next->stack)
		arch_set_kernel_stack(next->stack + (KSTACK_PAGES + 1) * PAGE_SIZE);
	arch_fpu_switch(&prev->fpu, &next->fpu);
	arch_switch_context(&prev->esp, next->esp);
	reap_dead();
}

void thread_yield(void)
{
	bool irq = irq_save();

	schedule();
	irq_restore(irq);
}

/* A blocked thread becomes ready: off its wait queue and the sleepers. */
static void make_ready(struct thread *t)
{
	if (t->waiting_on)
		queue_remove(t->waiting_on, t);
	if (t->timed)
		sleep_remove(&sleepers, t);
	t->waiting_on = NULL;
	t->timed = false;
	t->state = THREAD_READY;
	queue_push(&ready, t);
}

/* Every tick: wake the sleepers that are due, and preempt when the quantum
 * is used up. Runs in the timer interrupt, so a switch here preempts. */
static void sched_tick(void)
{
	struct sleep_list still = { NULL };
	struct thread *t;

	while ((t = sleep_pop(&sleepers)) != NULL) {
		if ((int32_t)(timer_ticks() - t->wake_tick) >= 0)
			make_ready(t);
		else
			sleep_push(&still, t);
	}
	sleepers = still;
	if (thread_now == idle ? ready.head != NULL : --quantum_left == 0)
		thread_yield();
}

enum wait_result wait_queue_sleep_timeout(struct wait_queue *q, uint32_t ticks)
{
	bool irq = irq_save();
	uint32_t deadline = timer_ticks() + ticks;
	enum wait_result r;

	/* A process being terminated never blocks again: whatever woke it (or
	 * did not), its next wait returns at once so it reaches ring 3 and ends. */
	if (thread_now->process && thread_now->process->terminating) {
		irq_restore(irq);
		return WAIT_INTERRUPTED;
	}
	thread_now->interrupted = false;
	thread_now->state = THREAD_BLOCKED;
	if (q) {
		thread_now->waiting_on = q;
		queue_push(q, thread_now);
	}
	if (ticks != WAIT_FOREVER) {
		thread_now->wake_tick = deadline;
		thread_now->timed = true;
		sleep_push(&sleepers, thread_now);
	}
	schedule();
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

	thread_now->uninterruptible = true;
	thread_now->state = THREAD_BLOCKED;
	thread_now->waiting_on = q;
	queue_push(q, thread_now);
	schedule();
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
	thread_now->state = THREAD_DEAD;
	queue_push(&dead, thread_now);
	schedule();
	panic("thread_exit: a dead thread ran again");
}

/* Where every new thread starts (see arch_prepare_stack). */
static void thread_start(void)
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

struct thread *thread_create_in(const char *name, void (*entry)(void *), void *arg,
				struct process *p)
{
	struct thread *t = kmalloc(sizeof(*t));
	void *stack = kpage_alloc_guarded(KSTACK_PAGES);
	bool irq;

	if (!t || !stack) {
		kfree(t);
		if (stack)
			kpage_free(stack);
		return NULL;
	}
	/* The run's first page is the unmapped guard: an overflow faults into the
	 * double-fault task instead of running over the neighbour. */
	memset(t, 0, sizeof(*t));
	t->stack = (vaddr_t)stack;
	t->entry = entry;
	t->arg = arg;
	t->process = p;
	t->fpu = clean_fpu;
	t->state = THREAD_READY;
	strlcpy(t->name, name, sizeof(t->name));
	t->esp = arch_prepare_stack(t->stack + (KSTACK_PAGES + 1) * PAGE_SIZE, thread_start);
	irq = irq_save();
	t->id = next_id++;
	t->all_next = all;
	all = t;
	thread_count++;
	if (idle)
		queue_push(&ready, t);
	irq_restore(irq);
	return t;
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
		if (ready.head)
			thread_yield();
		else if (pfn_zero_one())
			irq_enable();   /* between two frames pending interrupts come in */
		else
			cpu_relax_until_irq();
	}
}

void sched_init(void)
{
	arch_fpu_init(&clean_fpu);
	strlcpy(main_thread.name, "main", sizeof(main_thread.name));
	main_thread.state = THREAD_RUNNING;
	idle = thread_create("idle", idle_loop, NULL);
	if (!idle)
		panic("sched_init: no memory for the idle thread");
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

	for (const struct thread *t = ready.head; t; t = t->next)
		n++;
	*s = (struct sched_stats){ thread_count, n, switches };
	irq_restore(irq);
}
