/* Critical sections: XP's protocol (vados/winthreads.h). LockCount counts
 * the threads that entered or wait, from -1; the thread that moves it to 0
 * owns the section; the others wait on LockSemaphore, an auto-reset event
 * made when first needed, and each Leave that finds waiters hands the
 * section to exactly one of them. */
#include <windows.h>

#define SPIN_COUNT_MASK 0x00FFFFFFUL     /* the high byte carries flags */

/* The spin count kept: "on single-processor systems, the spin count is
 * ignored and the critical section spin count is set to 0". */
static ULONG_PTR spin_count(DWORD requested)
{
	SYSTEM_INFO si;

	GetSystemInfo(&si);
	return si.dwNumberOfProcessors > 1 ? requested & SPIN_COUNT_MASK : 0;
}

BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION cs, DWORD dwSpinCount, DWORD Flags)
{
	(void)Flags;
	cs->DebugInfo = NULL;
	cs->LockCount = -1;
	cs->RecursionCount = 0;
	cs->OwningThread = NULL;
	cs->LockSemaphore = NULL;
	cs->SpinCount = spin_count(dwSpinCount);
	return TRUE;
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION cs, DWORD dwSpinCount)
{
	return InitializeCriticalSectionEx(cs, dwSpinCount, 0);
}

VOID WINAPI InitializeCriticalSection(LPCRITICAL_SECTION cs)
{
	InitializeCriticalSectionEx(cs, 0, 0);
}

DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION cs, DWORD dwSpinCount)
{
	DWORD previous = cs->SpinCount;

	cs->SpinCount = spin_count(dwSpinCount);
	return previous;
}

/* The section's event, made by the first thread that must wait. Two threads
 * may race to make it: one installs its event, the other closes its own. */
static HANDLE wait_event(LPCRITICAL_SECTION cs)
{
	HANDLE e = cs->LockSemaphore, mine;

	if (e)
		return e;
	while ((mine = CreateEventA(NULL, FALSE, FALSE, NULL)) == NULL)
		Sleep(1);               /* out of memory: wait for some, as Windows retries */
	e = InterlockedCompareExchangePointer(&cs->LockSemaphore, mine, NULL);
	if (e) {
		CloseHandle(mine);
		return e;
	}
	return mine;
}

static void take_ownership(LPCRITICAL_SECTION cs, DWORD me)
{
	cs->OwningThread = (HANDLE)me;
	cs->RecursionCount = 1;
}

VOID WINAPI EnterCriticalSection(LPCRITICAL_SECTION cs)
{
	DWORD me = GetCurrentThreadId();

	if (InterlockedIncrement(&cs->LockCount) == 0) {
		take_ownership(cs, me);
		return;
	}
	if (cs->OwningThread == (HANDLE)me) {
		cs->RecursionCount++;
		return;
	}
	/* Counted in LockCount: the owner's Leave sets the event for us. */
	WaitForSingleObject(wait_event(cs), INFINITE);
	take_ownership(cs, me);
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION cs)
{
	DWORD me = GetCurrentThreadId();

	if (InterlockedCompareExchange(&cs->LockCount, 0, -1) == -1) {
		take_ownership(cs, me);
		return TRUE;
	}
	if (cs->OwningThread == (HANDLE)me) {
		InterlockedIncrement(&cs->LockCount);
		cs->RecursionCount++;
		return TRUE;
	}
	return FALSE;
}

VOID WINAPI LeaveCriticalSection(LPCRITICAL_SECTION cs)
{
	if (--cs->RecursionCount > 0) {
		InterlockedDecrement(&cs->LockCount);
		return;
	}
	cs->OwningThread = NULL;
	/* Still >= 0: someone is waiting (or about to): hand over. */
	if (InterlockedDecrement(&cs->LockCount) >= 0)
		SetEvent(wait_event(cs));
}

VOID WINAPI DeleteCriticalSection(LPCRITICAL_SECTION cs)
{
	if (cs->LockSemaphore)
		CloseHandle(cs->LockSemaphore);
	cs->LockSemaphore = NULL;
	cs->LockCount = -1;
	cs->RecursionCount = 0;
	cs->OwningThread = NULL;
}
