/* Data execution prevention as a system without NX reports it, the secure
 * memory cache callbacks, bad-memory notifications and the memory error
 * handling capabilities (vados/winmem.h). */
#include <windows.h>
#include "win32call.h"

#define CALLBACKS_MAX 16u

/* Registered callbacks: a slot's address is its registration. */
struct callback_list {
	SRWLOCK lock;
	void *slot[CALLBACKS_MAX];
};

static struct callback_list secure_cache = { SRWLOCK_INIT, { 0 } };
static struct callback_list bad_memory = { SRWLOCK_INIT, { 0 } };

/* Puts fn in a free slot of l: the slot, or NULL with the last error. */
static void **callback_add(struct callback_list *l, void *fn)
{
	void **slot = NULL;

	if (!fn) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	AcquireSRWLockExclusive(&l->lock);
	for (unsigned i = 0; i < CALLBACKS_MAX && !slot; i++)
		if (!l->slot[i])
			slot = &l->slot[i];
	if (slot)
		*slot = fn;
	ReleaseSRWLockExclusive(&l->lock);
	if (!slot)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return slot;
}

/* Empties the slot of l that is `slot` (if not NULL) or holds fn; FALSE
 * with ERROR_INVALID_PARAMETER when none does. */
static BOOL callback_remove(struct callback_list *l, void **slot, void *fn)
{
	BOOL found = FALSE;

	AcquireSRWLockExclusive(&l->lock);
	for (unsigned i = 0; i < CALLBACKS_MAX && !found; i++) {
		if (l->slot[i] && (slot ? slot == &l->slot[i] : l->slot[i] == fn)) {
			l->slot[i] = NULL;
			found = TRUE;
		}
	}
	ReleaseSRWLockExclusive(&l->lock);
	if (!found)
		SetLastError(ERROR_INVALID_PARAMETER);
	return found;
}

BOOL WINAPI AddSecureMemoryCacheCallback(PSECURE_MEMORY_CACHE_CALLBACK pfnCallBack)
{
	return callback_add(&secure_cache, (void *)pfnCallBack) != NULL;
}

BOOL WINAPI RemoveSecureMemoryCacheCallback(PSECURE_MEMORY_CACHE_CALLBACK pfnCallBack)
{
	return callback_remove(&secure_cache, NULL, (void *)pfnCallBack);
}

PVOID WINAPI RegisterBadMemoryNotification(PBAD_MEMORY_CALLBACK_ROUTINE Callback)
{
	return callback_add(&bad_memory, (void *)Callback);
}

BOOL WINAPI UnregisterBadMemoryNotification(PVOID RegistrationHandle)
{
	return RegistrationHandle && callback_remove(&bad_memory, RegistrationHandle, NULL);
}

BOOL WINAPI GetMemoryErrorHandlingCapabilities(PULONG Capabilities)
{
	if (IsBadWritePtr(Capabilities, sizeof(*Capabilities))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*Capabilities = 0;
	return TRUE;
}

DEP_SYSTEM_POLICY_TYPE WINAPI GetSystemDEPPolicy(VOID)
{
	return DEPPolicyAlwaysOff;
}

BOOL WINAPI GetProcessDEPPolicy(HANDLE hProcess, LPDWORD lpFlags, PBOOL lpPermanent)
{
	/* Asking the kernel a process setting proves the handle and its
	 * right; PROCESS_QUERY_INFORMATION is what Windows asks for. */
	uint32_t a[5] = { 0, (uint32_t)hProcess, VADOS_SETTING_MEMORY_PRIORITY, 0, 0 };

	if (IsBadWritePtr(lpFlags, sizeof(*lpFlags)) ||
	    IsBadWritePtr(lpPermanent, sizeof(*lpPermanent))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_SETTING, a, NULL))
		return FALSE;
	*lpFlags = 0;
	*lpPermanent = TRUE;    /* AlwaysOff: no process may change it */
	return TRUE;
}

BOOL WINAPI SetProcessDEPPolicy(DWORD dwFlags)
{
	if ((dwFlags & ~(PROCESS_DEP_ENABLE | PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION)) ||
	    dwFlags == PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	SetLastError(ERROR_ACCESS_DENIED);
	return FALSE;
}
