/* Synchronization barriers (vados/winthreads.h): a phase counter the
 * threads of one phase wait on with WaitOnAddress (after spinning, as the
 * flags and the spin count say), the last to enter starting the next phase.
 * The barrier's words, as SYNCHRONIZATION_BARRIER's reserved fields:
 * Reserved1 the threads still to enter this phase, Reserved2 the total,
 * Reserved3[0] the phase, Reserved3[1] the threads inside EnterSynchronizationBarrier
 * (DeleteSynchronizationBarrier waits for 0), Reserved4 the spin count.
 * SYNCHRONIZATION_BARRIER_FLAGS_NO_DELETE only skips work on Windows; the
 * count of threads inside is always kept, so deleting stays safe. */
#include <windows.h>

#define BARRIER_DEFAULT_SPIN 2000       /* Windows' spin count for lSpinCount -1 */

#define barrier_remaining(b) ((LONG volatile *)&(b)->Reserved1)
#define barrier_phase(b)     ((LONG volatile *)&(b)->Reserved3[0])
#define barrier_inside(b)    ((LONG volatile *)&(b)->Reserved3[1])

/* lTotalThreads below 1, or a spin count below -1: ERROR_INVALID_PARAMETER. */
BOOL WINAPI InitializeSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier,
					     LONG lTotalThreads, LONG lSpinCount)
{
	if (lTotalThreads < 1 || lSpinCount < -1) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	lpBarrier->Reserved1 = (DWORD)lTotalThreads;
	lpBarrier->Reserved2 = (DWORD)lTotalThreads;
	lpBarrier->Reserved3[0] = 0;
	lpBarrier->Reserved3[1] = 0;
	lpBarrier->Reserved4 = lSpinCount == -1 ? BARRIER_DEFAULT_SPIN : (DWORD)lSpinCount;
	lpBarrier->Reserved5 = 0;
	return TRUE;
}

/* Waits for the phase after phase: spinning first (SPIN_ONLY: only
 * spinning; BLOCK_ONLY: no spinning), then asleep on the phase word. */
static void barrier_wait_phase(LPSYNCHRONIZATION_BARRIER b, LONG phase, DWORD flags)
{
	BOOL spin_only = (flags & SYNCHRONIZATION_BARRIER_FLAGS_SPIN_ONLY) != 0;
	DWORD spins = flags & SYNCHRONIZATION_BARRIER_FLAGS_BLOCK_ONLY ? 0 : b->Reserved4;

	for (DWORD i = 0; spin_only || i < spins; i++) {
		if (*barrier_phase(b) != phase)
			return;
		__asm__ __volatile__("rep; nop" ::: "memory");  /* pause */
		if (spin_only && (i & 0xff) == 0xff)
			SwitchToThread();       /* one CPU: let the others come */
	}
	while (*barrier_phase(b) == phase)
		WaitOnAddress(barrier_phase(b), &phase, sizeof(phase), INFINITE);
}

/* TRUE for the one thread that entered last (it starts the next phase and
 * wakes the others), FALSE for the others, once all have entered. */
BOOL WINAPI EnterSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier, DWORD dwFlags)
{
	LONG phase;
	BOOL last;

	InterlockedIncrement(barrier_inside(lpBarrier));
	/* Read before this thread counts itself in: the phase cannot move on
	 * without it. */
	phase = *barrier_phase(lpBarrier);
	last = InterlockedDecrement(barrier_remaining(lpBarrier)) == 0;
	if (last) {
		/* The count is reset before the phase moves: a thread can enter the
		 * next phase only after seeing it move. */
		InterlockedExchange(barrier_remaining(lpBarrier), (LONG)lpBarrier->Reserved2);
		InterlockedIncrement(barrier_phase(lpBarrier));
		WakeByAddressAll((PVOID)barrier_phase(lpBarrier));
	} else {
		barrier_wait_phase(lpBarrier, phase, dwFlags);
	}
	if (InterlockedDecrement(barrier_inside(lpBarrier)) == 0)
		WakeByAddressAll((PVOID)barrier_inside(lpBarrier));
	return last;
}

/* Waits until no thread is left inside EnterSynchronizationBarrier; TRUE. */
BOOL WINAPI DeleteSynchronizationBarrier(LPSYNCHRONIZATION_BARRIER lpBarrier)
{
	LONG inside;

	while ((inside = *barrier_inside(lpBarrier)) != 0)
		WaitOnAddress(barrier_inside(lpBarrier), &inside, sizeof(inside), INFINITE);
	return TRUE;
}
