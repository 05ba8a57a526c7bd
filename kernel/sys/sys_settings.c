/* Settings the kernel keeps and reports for Get/SetProcessInformation and
 * Get/SetThreadInformation (memory priority, power throttling, leap
 * seconds, memory exhaustion, dynamic code: user/lib/procinfo.c checks
 * their values), a thread's absolute base priority, and the system file
 * cache's limits (Get/SetSystemFileCacheSize). A process's memory priority
 * also orders its trimmed pages on the standby list (mm/vm.h). */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/se/token.h"
#include "kernel/se/privset.h"
#include "kernel/ke/lock.h"
#include "kernel/rtl/string.h"
#include "arch/uaccess.h"
#include "mm/mm.h"

#define FILE_CACHE_MINIMUM 0x100000u    /* 1 MB: Windows' default minimum */

/* A process's setting: PROCESS_QUERY_LIMITED_INFORMATION to read it,
 * PROCESS_SET_INFORMATION to set it. One word: read and written whole. */
static uint32_t process_setting(uint32_t handle, uint32_t index, bool set, uint32_t *value)
{
	struct process *p;
	uint32_t err = process_by_handle(handle, set ? PROCESS_SET_INFORMATION
						     : PROCESS_QUERY_LIMITED_INFORMATION, &p);

	if (err)
		return err;
	if (set)
		p->settings[index] = *value;
	/* The memory priority is the memory manager's too: its address space
	 * held (rundown protection) while it is told. */
	if (set && index == VADOS_SETTING_MEMORY_PRIORITY && process_attach(p)) {
		vm_set_page_priority(p->vm, *value);
		process_detach(p);
	}
	*value = p->settings[index];
	ob_dereference(p);
	return ERROR_SUCCESS;
}

/* A thread's: THREAD_QUERY_INFORMATION to read, THREAD_SET_INFORMATION to
 * set; its base level is the scheduler's, not a stored word. */
static uint32_t thread_setting(uint32_t handle, uint32_t index, bool set, uint32_t *value)
{
	struct ps_thread *t;
	uint32_t err = ps_thread_by_handle(handle, set ? THREAD_SET_INFORMATION
						       : THREAD_QUERY_INFORMATION, &t);

	if (err)
		return err;
	if (index == VADOS_SETTING_THREAD_BASE) {
		if (set && !ps_thread_set_base(t, *value))
			err = ERROR_INVALID_PARAMETER;
		*value = ps_thread_base(t);
	} else {
		if (set)
			t->settings[index] = *value;
		*value = t->settings[index];
	}
	ob_dereference(t);
	return err;
}

/* (kind: 0 process, 1 thread; handle, VADOS_SETTING_*, set, value) -> the
 * value (after setting it). */
struct sysret sys_setting(const uint32_t *a, struct trap_frame *f)
{
	uint32_t value = a[4], err;

	(void)f;
	if (a[2] >= VADOS_SETTINGS || a[0] > 1)
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	err = a[0] ? thread_setting(a[1], a[2], a[3] != 0, &value)
		   : process_setting(a[1], a[2], a[3] != 0, &value);
	return (struct sysret){ err, value };
}

static const struct ke_lock_class cache_limits_class = { "file cache limits",
							 KE_RANK_FILE_CACHE_LIMITS, true, NULL };
static struct ke_spin_lock cache_limits_lock = { .cls = &cache_limits_class };
static uint32_t cache_limits[3] = { FILE_CACHE_MINIMUM, 0, 0 };

#define MAX_HARD_ENABLE  1u     /* FILE_CACHE_*: the caller checked the pairs */
#define MAX_HARD_DISABLE 2u
#define MIN_HARD_ENABLE  4u
#define MIN_HARD_DISABLE 8u

/* The hard limits' state after flags: each pair turns its limit on or off,
 * 0 keeps it. */
static uint32_t cache_flags(uint32_t now, uint32_t flags)
{
	if (flags & MAX_HARD_ENABLE)
		now |= MAX_HARD_ENABLE;
	if (flags & MAX_HARD_DISABLE)
		now &= ~MAX_HARD_ENABLE;
	if (flags & MIN_HARD_ENABLE)
		now |= MIN_HARD_ENABLE;
	if (flags & MIN_HARD_DISABLE)
		now &= ~MIN_HARD_ENABLE;
	return now;
}

/* (set, uint32 limits[3]: minimum, maximum, FILE_CACHE_* flags): reads
 * them (the flags: which hard limits are on), or (with
 * SeIncreaseQuotaPrivilege enabled, else ERROR_PRIVILEGE_NOT_HELD) stores
 * the sizes and applies the flags (both sizes ~0 ask for a flush: nothing
 * changes; the cache has no limits to apply). A maximum of 0 stands for "all memory",
 * which the caller fills in. */
struct sysret sys_file_cache_limits(const uint32_t *a, struct trap_frame *f)
{
	uint32_t limits[3];

	(void)f;
	if (a[0] && !se_privilege_enabled(process_current()->token, SE_INCREASE_QUOTA_PRIVILEGE))
		return (struct sysret){ ERROR_PRIVILEGE_NOT_HELD, 0 };
	if (a[0] && !copy_from_user(limits, a[1], sizeof(limits)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	ke_acquire_spin_lock(&cache_limits_lock);
	if (a[0] && !(limits[0] == ~0u && limits[1] == ~0u)) {  /* both ~0: a flush */
		cache_limits[0] = limits[0];
		cache_limits[1] = limits[1];
		cache_limits[2] = cache_flags(cache_limits[2], limits[2]);
	}
	memcpy(limits, cache_limits, sizeof(limits));
	ke_release_spin_lock(&cache_limits_lock);
	if (!a[0] && !copy_to_user(a[1], limits, sizeof(limits)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, 0 };
}
