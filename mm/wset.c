/* Working sets and the balance set manager, NT's model: a process's working
 * set is its resident pages; a clock hand sweeps them, the accessed bit
 * ages them, and the oldest leave first when the process is over its
 * maximum or free memory runs low. A trimmed page keeps its frame on the
 * modified list (its PTE in transition, so touching it again is a soft
 * fault) until the modified page writer has saved it; an unwritten page that
 * the fault path can fill again (zeroes, image bytes) is dropped at once.
 * Locked pages, held pages and page tables never leave.
 *
 * The balance set manager visits the spaces under the address-space list
 * lock, each under its working-set lock in turn (mm/vmspace.h); it never
 * sleeps holding either. */
#include "mm/sectionp.h"
#include "mm/stats.h"
#include "mm/swap.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/trap.h"
#include "kernel/ke/thread.h"

#define BALANCE_TICKS 10u       /* the manager's period: 100 ms */
#define AGE_OLD       2u        /* sweeps unaccessed before a page counts as old */

static struct wait_queue balance_wait;
static bool balance_woken;

void vm_balance_wake(void)
{
	balance_woken = true;
	wait_queue_wake_all(&balance_wait);
}

static uint32_t age_of(const struct pfn_entry *e)
{
	return e->flags >> PFN_AGE_SHIFT & PFN_AGE_MAX;
}

static void age_set(struct pfn_entry *e, uint32_t age)
{
	e->flags = (uint8_t)((e->flags & ~(PFN_AGE_MAX << PFN_AGE_SHIFT)) |
			     (age > PFN_AGE_MAX ? PFN_AGE_MAX : age) << PFN_AGE_SHIFT);
}

/* Takes present page va of v out of the working set; false if it must stay
 * (dirty, with nowhere to write it). A clean page with a copy in swap goes
 * straight to the standby list, like one the writer has just saved.
 *
 * The PTE goes to transition first, in an exchange that returns the dirty
 * bit as it was at that moment (a thread on another CPU may write the page
 * until then); only that bit decides whether the contents can be dropped.
 * Its frame is then still active and only this space's lock holder sees the
 * PTE, until the frame joins a list under the PFN lock. */
static bool trim_page(struct vm_space *vm, struct vm_vad *v, vaddr_t va, pfn_t pfn)
{
	struct pfn_entry *e = pfn_entry(pfn);
	pte_prot_t prot = pte_prot(e->original_pte);
	bool copy = pte_kind(e->original_pte) == PTE_PAGED_OUT;

	/* A section's page: this view's PTE points at the prototype PTE from
	 * now on; the page leaves memory once no view maps it. */
	if (vm_frame_is_prototype(pfn)) {
		if (!view_unmap_shared(vm, va, pfn, pte_make(PTE_PROTOTYPE, 0, view_page(v, va)),
				       false))
			return false;
		mm_count(&mm_stats.pages_trimmed);
		return true;
	}
	/* Without swap only an unwritten page that can be filled again may go
	 * (one written on another CPU after this look waits on the modified
	 * list: kept, not lost). */
	if (!swap_present() && !copy && (!(e->flags & PFN_FLAG_FILLED) || mmu_query(va).dirty))
		return false;
	if (vm_pte_revoke(vm, va, pte_make(PTE_TRANSITION, prot, pfn)).dirty) {
		vm_page_forget_copy(e);
		vm_watch_note(v, va);
		e->flags &= ~PFN_FLAG_FILLED;
	}
	if (e->flags & PFN_FLAG_FILLED) {
		v->node.flags |= VAD_DISCARDED;
		vm_frame_release(vm, va, pfn, vm_pte_committed(v, prot));
		mm_count(&mm_stats.clean_pages_dropped);
		return true;
	}
	e->flags = vm->page_priority < VM_MEMORY_PRIORITY_NORMAL ? PFN_FLAG_LOW_PRIORITY : 0;
	copy = vm_page_copy_to_standby(e);
	pfn_lock();
	pfn_to_list_locked(pfn, copy ? PFN_STANDBY : PFN_MODIFIED);
	pfn_unlock();
	vm->c.resident--;
	mm_count(&mm_stats.pages_trimmed);
	if (copy)
		mm_count(&mm_stats.swap_copies_kept);
	return true;
}

/* Looks at present page va and trims it when it is at least age_limit
 * periods old and not used since the last period began (age_limit 0: in any
 * case). Returns whether it went. */
static bool sweep_page(struct vm_space *vm, struct vm_vad *v, vaddr_t va,
		       uint32_t age_limit)
{
	uint32_t pte = vm_pte_raw(va);
	struct pfn_entry *e = pfn_entry(pte >> 12);

	if (vm_page_locked(v, va, pte >> 12))
		return false;
	if (age_limit && (mmu_query(va).accessed || age_of(e) < age_limit))
		return false;
	return trim_page(vm, v, va, pte >> 12);
}

void vm_ws_trim_range_locked(struct vm_space *vm, struct vm_vad *v, vaddr_t start, vaddr_t end)
{
	pfn_t previous = vm_attach(vm);

	for (vaddr_t va = mmu_next_present(start, end); va < end;
	     va = mmu_next_present(va + PAGE_SIZE, end))
		sweep_page(vm, v, va, 0);
	vm_detach(previous);
}

/* Calls fn on every present page of vm (the running address space). */
static void each_present(struct vm_space *vm, void (*fn)(vaddr_t va, struct pfn_entry *e))
{
	for (struct vad *n = vad_first(&vm->vads); n; n = vad_next(n)) {
		vaddr_t end = vm_va(n->end);
		for (vaddr_t va = mmu_next_present(vm_va(n->start), end); va < end;
		     va = mmu_next_present(va + PAGE_SIZE, end))
			fn(va, pfn_entry(vm_pte_raw(va) >> 12));
	}
}

/* A page used since the last period gets age 0, the others one more;
 * locked pages never leave, so they do not age. */
static void age_page(vaddr_t va, struct pfn_entry *e)
{
	if (!(e->flags & PFN_FLAG_LOCKED))
		age_set(e, mmu_test_clear_accessed(va) ? 0 : age_of(e) + 1);
}

/* Runs fn over the present pages of every address space, each under its
 * working-set lock (the list lock held). */
static void each_space_locked(void (*fn)(vaddr_t va, struct pfn_entry *e))
{
	for (struct vm_space *vm = vm_all; vm; vm = vm->next) {
		ke_acquire_spin_lock(&vm->ws_lock);
		if (!vm->cleared) {
			pfn_t previous = vm_attach(vm);
			each_present(vm, fn);
			vm_detach(previous);
		}
		ke_release_spin_lock(&vm->ws_lock);
	}
}

static void drop_copy(vaddr_t va, struct pfn_entry *e)
{
	/* A section's page is the PFN lock's (mm/sectionp.h). */
	bool shared = vm_frame_is_prototype((pfn_t)(vm_pte_raw(va) >> PAGE_SHIFT));

	if (shared)
		pfn_lock();
	if (vm_page_forget_copy(e))
		mm_count(&mm_stats.swap_copies_dropped);
	if (shared)
		pfn_unlock();
}

void vm_copies_release(void)
{
	ke_acquire_spin_lock(&vm_list_lock);
	each_space_locked(drop_copy);
	ke_release_spin_lock(&vm_list_lock);
}

/* Sweeps vm (the running address space) from its clock hand until want
 * pages went, every resident page was looked at twice, or the hand went
 * round twice. Only present PTEs are looked at; the rest (paged out, in
 * transition, absent tables) are skipped by the table scan. */
static uint32_t ws_sweep(struct vm_space *vm, uint32_t want, uint32_t age_limit)
{
	struct vad *n = vad_first_at_or_after(&vm->vads, vm->clock);
	uint32_t trimmed = 0, rounds = 0;
	/* Enough looks to find want pages among a few in use, never more than
	 * two rounds of the working set: trimming must stay cheap. */
	uint32_t looks = 4 * want + 256 < 2 * vm->c.resident ? 4 * want + 256 : 2 * vm->c.resident;
	vaddr_t va;

	if (!n && (n = vad_first(&vm->vads)) == NULL)
		return 0;
	va = vm_va(vm->clock > n->start ? vm->clock : n->start);
	while (looks && trimmed < want && rounds < 2) {
		vaddr_t end = vm_va(n->end);
		if ((va = mmu_next_present(va, end)) >= end) {
			if ((n = vad_next(n)) == NULL) {
				n = vad_first(&vm->vads);
				rounds++;
			}
			va = vm_va(n->start);
			continue;
		}
		looks--;
		trimmed += sweep_page(vm, vm_vad_of(n), va, age_limit);
		va += PAGE_SIZE;
	}
	vm->clock = va >> PAGE_SHIFT;
	return trimmed;
}

/* Trims up to want pages of vm, keeping it at least at floor pages. */
static uint32_t trim_space_locked(struct vm_space *vm, uint32_t want, uint32_t floor,
				  uint32_t age)
{
	pfn_t previous;
	uint32_t n;

	if (vm->cleared || vm->c.resident <= floor)
		return 0;
	if (want > vm->c.resident - floor)
		want = vm->c.resident - floor;
	previous = vm_attach(vm);
	n = ws_sweep(vm, want, age);
	vm_detach(previous);
	return n;
}

/* One trimming pass over vm, under its working-set lock: up to want pages
 * older than age, keeping the minimum working set unless below_min. */
static void trim_space(struct vm_space *vm, uint32_t want, bool below_min, uint32_t age)
{
	ke_acquire_spin_lock(&vm->ws_lock);
	trim_space_locked(vm, want, below_min ? 0 : vm->ws_min, age);
	ke_release_spin_lock(&vm->ws_lock);
}

/* Trims vm down to its maximum when it is above it and the maximum is
 * enforced (set, or memory not plentiful: fewer than mark * 4 available). */
static void trim_to_max(struct vm_space *vm, uint32_t mark)
{
	ke_acquire_spin_lock(&vm->ws_lock);
	if (vm->c.resident > vm->ws_max && (vm->ws_max_set || pfn_available() < 4 * mark))
		trim_space_locked(vm, vm->c.resident - vm->ws_max, vm->ws_max, 1);
	ke_release_spin_lock(&vm->ws_lock);
}

static uint32_t low;            /* frames the manager keeps available */
static uint32_t wanted;         /* more, for one pass (PFN lock): see vm_balance_want */

void vm_balance_want(uint32_t frames)
{
	pfn_lock();
	if (frames > wanted)
		wanted = frames;
	pfn_unlock();
	vm_balance_wake();
}

uint32_t vm_low_water(void)
{
	struct pfn_totals t;

	if (!low) {
		pfn_get_totals(&t);
		low = t.managed / 32 > 64 ? t.managed / 32 : 64;
	}
	return low;
}

void vm_frames_taken(void)
{
	/* Start trimming (and so writing) while frames remain, so the faulting
	 * thread and the disk work at the same time. */
	if (pfn_available() < vm_low_water() && !balance_woken)
		vm_balance_wake();
}

/* One look at memory. Looks a period apart age every working set; all trim
 * processes over their maximum (the default one only while memory is not
 * plentiful; one set with SetProcessWorkingSetSize always), and when it
 * is low, trim old pages above each minimum first, then any page not used
 * since the last look, then, under real pressure, pages below the minimums
 * and pages in use. */
static void balance_once(bool periodic)
{
	static const struct { uint32_t age; bool below_min; } passes[] = {
		{ AGE_OLD, false }, { 1, false }, { 1, true }, { 0, false }, { 0, true },
	};
	uint32_t mark = vm_low_water(), before = pfn_available();

	pfn_lock();
	mark = mark > wanted ? mark : wanted;
	wanted = 0;
	/* The file cache's working set first: its pages are nobody's now
	 * (NT trims the system cache working set with the others). */
	if (pfn_available() < mark)
		filews_trim_locked(2 * mark - pfn_available());
	pfn_unlock();
	ke_acquire_spin_lock(&vm_list_lock);
	/* Ages follow the clock: every page used since the last period gets age
	 * 0, the others one more. Done on the clock, not when trimming, so a
	 * process asleep waiting for memory does not see its pages age meanwhile. */
	if (periodic)
		each_space_locked(age_page);
	for (struct vm_space *vm = vm_all; vm; vm = vm->next)
		trim_to_max(vm, mark);
	for (uint32_t i = 0; i < 5 && pfn_available() < mark; i++)
		for (struct vm_space *vm = vm_all; vm && pfn_available() < 2 * mark; vm = vm->next)
			trim_space(vm, 2 * mark - pfn_available(), passes[i].below_min,
				   passes[i].age);
	ke_release_spin_lock(&vm_list_lock);
	if (pfn_list_count(PFN_MODIFIED))
		vm_writer_wake();
	/* Only real progress wakes the waiters: woken for nothing they would
	 * ask again at once, and the disk's completions (the writer's progress)
	 * need the CPU they take. */
	if (pfn_available() > before)
		vm_memory_freed();
	vm_memory_conditions_update();
}

void vm_balance_thread(void *arg)
{
	uint32_t aged = timer_ticks();

	(void)arg;
	for (;;) {
		/* Ages follow the clock, not the wake-ups: under pressure a fault
		 * wakes the manager often, and pages must still grow old. */
		bool period = timer_ticks() - aged >= BALANCE_TICKS, irq;
		if (period)
			aged = timer_ticks();
		balance_once(period);
		/* The scheduler's lock (interrupts off) from the test to the
		 * sleep: a wake-up in between is not lost. */
		irq = irq_save();
		if (!balance_woken)
			wait_queue_sleep_timeout(&balance_wait, BALANCE_TICKS);
		balance_woken = false;
		irq_restore(irq);
	}
}

uint32_t vm_ws_set(struct vm_space *vm, uint32_t min, uint32_t max, uint32_t flags,
		   bool may_raise_min)
{
	if ((flags & ~0xfu) || (flags & 3u) == 3u || (flags & 0xcu) == 0xcu)
		return ERROR_INVALID_PARAMETER;
	if (min == VM_WS_EMPTY && max == VM_WS_EMPTY) {
		vm_enter(vm);
		trim_space_locked(vm, vm->c.resident, 0, 0);
		vm_leave(vm);
		return 0;
	}
	if (min > 0 && min < VM_WS_MIN_LOWEST)
		min = VM_WS_MIN_LOWEST;
	if (min > max || min < VM_WS_MIN_LOWEST || max > VM_WS_MAX_HIGHEST)
		return ERROR_INVALID_PARAMETER;
	ke_acquire_spin_lock(&vm->ws_lock);
	if (min > vm->ws_min && !may_raise_min) {
		ke_release_spin_lock(&vm->ws_lock);
		return ERROR_PRIVILEGE_NOT_HELD;
	}
	vm->ws_min = min;
	vm->ws_max = max;
	vm->ws_max_set = true;
	if (flags & 3u)
		vm->ws_flags = (vm->ws_flags & 0xcu) | (flags & 3u);
	if (flags & 0xcu)
		vm->ws_flags = (vm->ws_flags & 3u) | (flags & 0xcu);
	ke_release_spin_lock(&vm->ws_lock);
	return 0;
}

void vm_set_page_priority(struct vm_space *vm, uint32_t priority)
{
	vm->page_priority = priority;
}

void vm_ws_get(const struct vm_space *vm, uint32_t *min, uint32_t *max, uint32_t *flags)
{
	*min = vm->ws_min;
	*max = vm->ws_max;
	*flags = vm->ws_flags;
}
