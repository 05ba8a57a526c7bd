/* Thread-local storage: TlsAlloc and friends over the TEB's 64 TlsSlots and
 * its 1024 TlsExpansionSlots (allocated from the process heap by the thread
 * that first sets one), as Windows keeps them. The allocation bitmap is the
 * process's (NT keeps it in the PEB), guarded by a critical section. */
#include <windows.h>
#include "vados/calls.h"
#include "win32call.h"
#include "user/lib/runtime.h"

#define TLS_EXPANSION_SLOTS 1024u
#define TLS_SLOTS (TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)

static uint32_t tls_bitmap[TLS_SLOTS / 32];
static CRITICAL_SECTION tls_lock;
static LONG tls_lock_ready;             /* 0, 1 being set up, 2 ready */

/* The bitmap's lock, set up on first use (no thread but the first can race
 * for it before some thread calls a Tls function, so a spin is enough). */
static void tls_lock_take(void)
{
	if (InterlockedCompareExchange(&tls_lock_ready, 1, 0) == 0) {
		InitializeCriticalSection(&tls_lock);
		InterlockedExchange(&tls_lock_ready, 2);
	}
	while (tls_lock_ready != 2)
		SwitchToThread();
	EnterCriticalSection(&tls_lock);
}

DWORD WINAPI TlsAlloc(VOID)
{
	DWORD index = TLS_OUT_OF_INDEXES;

	tls_lock_take();
	for (uint32_t i = 0; i < TLS_SLOTS; i++)
		if (!(tls_bitmap[i / 32] & (1u << (i % 32)))) {
			tls_bitmap[i / 32] |= 1u << (i % 32);
			index = i;
			break;
		}
	LeaveCriticalSection(&tls_lock);
	/* A slot read 0 in every thread when it was last freed (TlsFree). */
	if (index == TLS_OUT_OF_INDEXES)
		SetLastError(ERROR_NO_MORE_ITEMS);
	return index;
}

static BOOL tls_in_use(DWORD index)
{
	return index < TLS_SLOTS && (tls_bitmap[index / 32] & (1u << (index % 32)));
}

BOOL WINAPI TlsFree(DWORD dwTlsIndex)
{
	uint32_t args[1] = { dwTlsIndex };
	BOOL ok;

	tls_lock_take();
	ok = tls_in_use(dwTlsIndex);
	/* Zeroed in every thread before it can be handed out again. */
	if (ok && (ok = win32_call(SYS_ZERO_TLS_CELL, args, NULL)))
		tls_bitmap[dwTlsIndex / 32] &= ~(1u << (dwTlsIndex % 32));
	LeaveCriticalSection(&tls_lock);
	if (!ok)
		SetLastError(ERROR_INVALID_PARAMETER);
	return ok;
}

LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex)
{
	PTEB teb = NtCurrentTeb();

	if (dwTlsIndex < TLS_MINIMUM_AVAILABLE) {
		teb->LastErrorValue = ERROR_SUCCESS;    /* so a NULL value is not taken for failure */
		return teb->TlsSlots[dwTlsIndex];
	}
	if (dwTlsIndex >= TLS_SLOTS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	teb->LastErrorValue = ERROR_SUCCESS;
	return teb->TlsExpansionSlots ?
		teb->TlsExpansionSlots[dwTlsIndex - TLS_MINIMUM_AVAILABLE] : NULL;
}

BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue)
{
	PTEB teb = NtCurrentTeb();

	if (dwTlsIndex < TLS_MINIMUM_AVAILABLE) {
		teb->TlsSlots[dwTlsIndex] = lpTlsValue;
		return TRUE;
	}
	if (dwTlsIndex >= TLS_SLOTS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!teb->TlsExpansionSlots) {
		teb->TlsExpansionSlots = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY,
						   TLS_EXPANSION_SLOTS * sizeof(PVOID));
		if (!teb->TlsExpansionSlots) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
	}
	teb->TlsExpansionSlots[dwTlsIndex - TLS_MINIMUM_AVAILABLE] = lpTlsValue;
	return TRUE;
}

void __vados_tls_thread_exit(void)
{
	PTEB teb = NtCurrentTeb();
	PVOID *block = teb->TlsExpansionSlots;

	if (!block)
		return;
	/* Unhooked under the bitmap's lock: TlsFree's kernel call (which holds
	 * it) writes through the pointer into the block. */
	tls_lock_take();
	teb->TlsExpansionSlots = NULL;
	LeaveCriticalSection(&tls_lock);
	HeapFree(GetProcessHeap(), 0, block);
}
