/* Taking an address space's locks, and the waits of the memory manager that
 * give the working-set lock up meanwhile; see mm/vmspace.h for the locks. */
#include "mm/vmspace.h"
#include "mm/pool.h"
#include "kernel/ke/thread.h"

/* vm_enter waits here for io_pending to reach 0; deferred reads wait for the
 * exclusive operation to end. */
static struct wait_queue io_done;
/* Faults and operations waiting for the balance set manager to free frames. */
static struct wait_queue memory_freed;

void vm_enter(struct vm_space *vm)
{
	ke_acquire_guarded_mutex(&vm->create_lock);
	ke_acquire_spin_lock(&vm->ws_lock);
	/* A read under way owns its pages, and reads start only under the
	 * working-set lock: once there are none, none starts before vm_leave. */
	while (vm->io_pending) {
		vm->idle_waiters++;
		ke_release_spin_lock_and_wait_uninterruptible(&vm->ws_lock, &io_done);
		ke_acquire_spin_lock(&vm->ws_lock);
		vm->idle_waiters--;
	}
}

void vm_leave(struct vm_space *vm)
{
	/* The reads vm_read_deferred held off queued themselves as they gave
	 * the lock up: whether there are any is known while it is held. */
	bool deferred = io_done.head != NULL;

	ke_release_spin_lock(&vm->ws_lock);
	ke_release_guarded_mutex(&vm->create_lock);
	if (deferred)
		wait_queue_wake_all(&io_done);
}

bool vm_read_deferred(struct vm_space *vm)
{
	/* A stream of faults on paged-out pages keeps io_pending above 0:
	 * without this an operation in vm_enter could wait for good. */
	if (!vm->idle_waiters)
		return false;
	ke_release_spin_lock_and_wait(&vm->ws_lock, &io_done, 1);
	ke_acquire_spin_lock(&vm->ws_lock);
	return true;
}

void vm_io_done(struct vm_space *vm)
{
	vm->io_pending--;
	wait_queue_wake_all(&io_done);
}

bool vm_wait_for_memory_locked(struct vm_space *vm)
{
	enum wait_result r;

	vm_balance_wake();
	r = ke_release_spin_lock_and_wait(&vm->ws_lock, &memory_freed, 1);
	ke_acquire_spin_lock(&vm->ws_lock);
	return r != WAIT_INTERRUPTED;
}

bool vm_wait_for_tables(void)
{
	vm_balance_wake();
	return wait_queue_sleep_timeout(&memory_freed, 1) != WAIT_INTERRUPTED;
}

void vm_memory_freed(void)
{
	wait_queue_wake_all(&memory_freed);
}

void vm_lock_all_spaces(void)
{
	ke_acquire_spin_lock(&vm_list_lock);
	for (struct vm_space *vm = vm_all; vm; vm = vm->next)
		ke_acquire_spin_lock(&vm->ws_lock);
	pool_lock();
}

void vm_unlock_all_spaces(void)
{
	pool_unlock();
	for (struct vm_space *vm = vm_all; vm; vm = vm->next)
		ke_release_spin_lock(&vm->ws_lock);
	ke_release_spin_lock(&vm_list_lock);
}
