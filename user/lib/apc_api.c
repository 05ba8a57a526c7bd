/* User APCs in ring 3 (<windows.h>, vados/winapc.h): QueueUserAPC(2), SleepEx,
 * and the runner every alertable wait uses. The kernel keeps each thread's
 * queue (kernel/ke/apc.h); an alertable wait that ends for it returns
 * WAIT_IO_COMPLETION, and the SDK then takes the APCs one at a time
 * (SYS_NEXT_APC) and calls them here, on the waiting thread's own stack, as
 * ntdll's KiUserApcDispatcher does: no frame is built by the kernel. */
#include <windows.h>
#include "win32call.h"
#include "user/lib/runtime.h"

typedef VOID (WINAPI *apc3_fn)(ULONG_PTR, ULONG_PTR, ULONG_PTR);

void __vados_run_apcs(void)
{
	uint32_t apc[5], more;
	uint32_t args[1] = { (uint32_t)apc };

	/* One at a time, so one queued by a routine (to this thread) runs in
	 * the same pass, after those before it, as NT's delivery loop does. */
	while (win32_call(SYS_NEXT_APC, args, &more) && more) {
		if (apc[1] == 1)
			((PAPCFUNC)apc[0])(apc[2]);
		else
			((apc3_fn)apc[0])(apc[2], apc[3], apc[4]);
	}
}

unsigned long __vados_alerted(unsigned long status)
{
	if (status == WAIT_IO_COMPLETION)
		__vados_run_apcs();
	return status;
}

/* The routine runs on hThread (THREAD_SET_CONTEXT; of any process, at its
 * address there) at its next alertable wait. A thread that has ended or is
 * ending: 0 with ERROR_GEN_FAILURE, as Windows documents. */
DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData)
{
	uint32_t args[6] = { (uint32_t)hThread, (uint32_t)pfnAPC, 1, dwData, 0, 0 };

	return win32_call(SYS_QUEUE_APC, args, NULL);
}

/* Special user APCs interrupt a thread anywhere, which vados's delivery
 * (at the end of an alertable wait) cannot do: ERROR_NOT_SUPPORTED. */
BOOL WINAPI QueueUserAPC2(PAPCFUNC ApcRoutine, HANDLE Thread, ULONG_PTR Data,
			  QUEUE_USER_APC_FLAGS Flags)
{
	if (Flags == QUEUE_USER_APC_FLAGS_NONE)
		return QueueUserAPC(ApcRoutine, Thread, Data) != 0;
	SetLastError(Flags == QUEUE_USER_APC_FLAGS_SPECIAL_USER_APC ? ERROR_NOT_SUPPORTED
								     : ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* Returns 0 when the time ran out; alertable, WAIT_IO_COMPLETION once
 * queued APCs (queued before or during the sleep) have run. SleepEx(0,
 * TRUE) runs the queued APCs, if any, else gives up the CPU. */
DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
	uint32_t args[1] = { dwMilliseconds }, r = 0;

	if (!bAlertable) {
		Sleep(dwMilliseconds);
		return 0;
	}
	win32_call(SYS_SLEEP_ALERTABLE, args, &r);
	return __vados_alerted(r);
}
