/* The working-set watch (InitializeProcessForWsWatch, GetWsChanges(Ex)):
 * once started for an address space, every fault that makes one of its
 * pages present records the faulting instruction, the page and the thread
 * in a bounded buffer; a full buffer records nothing more and counts what it
 * lost, until the records are taken or the watch starts again. The buffer
 * belongs to the space and lives under its working-set lock. */
#include "mm/sectionp.h"
#include "mm/pool.h"
#include "kernel/rtl/string.h"

struct vm_ws_watch {
	uint32_t count, lost;
	struct vm_ws_record rec[VM_WS_WATCH_MAX];
};

uint32_t vm_ws_watch_start(struct vm_space *vm)
{
	/* Allocated before the lock (the pool may sleep); a second start
	 * keeps the old buffer, emptied, and frees this one. */
	struct vm_ws_watch *w = kmalloc(sizeof(*w)), *spare = w;

	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	ke_acquire_spin_lock(&vm->ws_lock);
	if (!vm->ws_watch) {
		vm->ws_watch = w;
		spare = NULL;
	}
	vm->ws_watch->count = vm->ws_watch->lost = 0;
	ke_release_spin_lock(&vm->ws_lock);
	kfree(spare);
	return ERROR_SUCCESS;
}

void vm_ws_watch_note_locked(struct vm_space *vm, vaddr_t pc, vaddr_t page, uint32_t tid)
{
	struct vm_ws_watch *w = vm->ws_watch;

	if (w->count == VM_WS_WATCH_MAX) {
		w->lost++;
		return;
	}
	w->rec[w->count++] = (struct vm_ws_record){ pc, page, tid };
}

uint32_t vm_ws_watch_take(struct vm_space *vm, struct vm_ws_record *out, uint32_t max,
			  uint32_t *count, uint32_t *lost)
{
	struct vm_ws_watch *w;
	uint32_t err = ERROR_SUCCESS;

	ke_acquire_spin_lock(&vm->ws_lock);
	w = vm->ws_watch;
	*count = w ? w->count : 0;
	*lost = w ? w->lost : 0;
	if (!w)
		err = ERROR_GEN_FAILURE;        /* NT's STATUS_UNSUCCESSFUL: never started */
	else if (w->count == 0)
		err = ERROR_NO_MORE_ITEMS;
	else if (w->count > max)
		err = ERROR_INSUFFICIENT_BUFFER;        /* the records stay for a bigger buffer */
	else {
		memcpy(out, w->rec, w->count * sizeof(*out));
		w->count = w->lost = 0;
	}
	ke_release_spin_lock(&vm->ws_lock);
	return err;
}

void vm_ws_watch_free(struct vm_space *vm)
{
	kfree(vm->ws_watch);
	vm->ws_watch = NULL;
}
