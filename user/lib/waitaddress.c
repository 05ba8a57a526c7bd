/* WaitOnAddress and the WakeByAddress calls (vados/winthreads.h), over the
 * keyed queue (keyedwait.h). A waiter compares the value under the queue's
 * lock and queues itself before letting go of it, and a waker takes the
 * lock after changing the value: no wake between the compare and the wait
 * is lost. The key is the address with its top bit set, never a user
 * address, so no lock or condition variable's waiter is taken for one. */
#include <windows.h>
#include "user/lib/keyedwait.h"

static const void *address_key(volatile const void *address)
{
	return (const void *)((ULONG_PTR)address ^ 0x80000000ul);
}

/* Whether the AddressSize bytes at a and b are equal. */
static BOOL same_value(volatile const void *a, const void *b, SIZE_T size)
{
	switch (size) {
	case 1: return *(volatile const BYTE *)a == *(const BYTE *)b;
	case 2: return *(volatile const WORD *)a == *(const WORD *)b;
	case 4: return *(volatile const DWORD *)a == *(const DWORD *)b;
	default: return *(volatile const ULONGLONG *)a == *(const ULONGLONG *)b;
	}
}

/* TRUE at once when *Address differs from *CompareAddress, else once a
 * WakeByAddress call on Address wakes it (or spuriously, as Windows
 * allows); FALSE with ERROR_TIMEOUT after dwMilliseconds. AddressSize other
 * than 1, 2, 4 or 8: ERROR_INVALID_PARAMETER. */
BOOL WINAPI WaitOnAddress(volatile VOID *Address, PVOID CompareAddress, SIZE_T AddressSize,
			  DWORD dwMilliseconds)
{
	struct keyed_waiter w;

	if (AddressSize != 1 && AddressSize != 2 && AddressSize != 4 && AddressSize != 8) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	keyed_prepare(&w, address_key(Address), 0);
	keyed_lock();
	if (!same_value(Address, CompareAddress, AddressSize)) {
		keyed_unlock();
		keyed_discard(&w);
		return TRUE;
	}
	keyed_enqueue_locked(&w);
	keyed_unlock();
	if (keyed_wait(&w, dwMilliseconds))
		return TRUE;
	SetLastError(ERROR_TIMEOUT);
	return FALSE;
}

VOID WINAPI WakeByAddressSingle(PVOID Address)
{
	keyed_wake(address_key(Address), 1);
}

VOID WINAPI WakeByAddressAll(PVOID Address)
{
	keyed_wake(address_key(Address), ~0u);
}
