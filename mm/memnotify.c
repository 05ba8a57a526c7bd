/* Memory resource notifications: the low and high memory conditions and the
 * events that follow them (see mm/vm.h). The watch list and the conditions
 * as last seen are the notification lock's (KE_RANK_MEMORY_NOTIFY, taken
 * alone); events are signalled under it, which a wake-up allows. */
#include "mm/vmspace.h"
#include "kernel/ke/dispatcher.h"

static const struct ke_lock_class notify_class = { "memory notifications",
						   KE_RANK_MEMORY_NOTIFY, true, NULL };
static struct ke_spin_lock notify_lock = { .cls = &notify_class };
static struct vm_memory_watch *watches;
static bool low_now, high_now = true;   /* as last seen; a new watch sees now */

/* Looks at the available memory again; when a condition changed, every
 * watch's event follows. */
static void refresh_locked(void)
{
	uint32_t available = pfn_available(), mark = vm_low_water();
	bool low = available < mark, high = available >= 3 * mark;

	if (low == low_now && high == high_now)
		return;
	low_now = low;
	high_now = high;
	for (struct vm_memory_watch *w = watches; w; w = w->next)
		ke_set_signal(w->event, w->high ? high : low);
}

void vm_memory_conditions_update(void)
{
	ke_acquire_spin_lock(&notify_lock);
	refresh_locked();
	ke_release_spin_lock(&notify_lock);
}

void vm_memory_watch_add(struct vm_memory_watch *w)
{
	ke_acquire_spin_lock(&notify_lock);
	refresh_locked();
	w->next = watches;
	watches = w;
	ke_set_signal(w->event, w->high ? high_now : low_now);
	ke_release_spin_lock(&notify_lock);
}

void vm_memory_watch_remove(struct vm_memory_watch *w)
{
	struct vm_memory_watch **link;

	ke_acquire_spin_lock(&notify_lock);
	for (link = &watches; *link != w; link = &(*link)->next)
		;
	*link = w->next;
	ke_release_spin_lock(&notify_lock);
}
