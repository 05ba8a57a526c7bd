/* The thread calls of <windows.h> (vados/winthreads.h): CreateThread and the
 * calls on thread handles, over the kernel's thread system calls. */
#include <windows.h>
#include "vados/calls.h"
#include "win32call.h"
#include "user/lib/runtime.h"

/* Where every thread made by CreateThread starts: the kernel enters it as
 * if called with (start, parameter), and the start routine's return value
 * is the thread's exit code. APCs queued before it ran run first, as
 * Windows documents. */
static __attribute__((noreturn, used)) void thread_entry(LPTHREAD_START_ROUTINE start,
							  LPVOID parameter)
{
	__vados_run_apcs();
	ExitThread(start(parameter));
}

/* lpThreadAttributes->bInheritHandle makes the handle inheritable;
 * dwStackSize is the stack's commit (its reservation with
 * STACK_SIZE_PARAM_IS_A_RESERVATION); 0: 1 MB reserved, as the main
 * thread's. hProcess needs PROCESS_CREATE_THREAD; threads are made in the
 * caller's process only (another: ERROR_ACCESS_DENIED). */
HANDLE WINAPI CreateRemoteThread(HANDLE hProcess, LPSECURITY_ATTRIBUTES lpThreadAttributes,
				 SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress,
				 LPVOID lpParameter, DWORD dwCreationFlags, LPDWORD lpThreadId)
{
	uint32_t out[2], args[7] = { (uint32_t)hProcess, dwStackSize, (uint32_t)thread_entry,
				     (uint32_t)lpStartAddress, (uint32_t)lpParameter,
				     dwCreationFlags, (uint32_t)out };

	if (!lpStartAddress) {          /* Windows faults in the new thread; refuse at once */
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!win32_call(SYS_CREATE_THREAD, args, NULL))
		return NULL;
	if (lpThreadAttributes && lpThreadAttributes->bInheritHandle)
		SetHandleInformation((HANDLE)out[0], HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	if (lpThreadId)
		*lpThreadId = out[1];
	return (HANDLE)out[0];
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
			   LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
			   DWORD dwCreationFlags, LPDWORD lpThreadId)
{
	return CreateRemoteThread(GetCurrentProcess(), lpThreadAttributes, dwStackSize,
				  lpStartAddress, lpParameter, dwCreationFlags, lpThreadId);
}

/* What the thread keeps in user memory goes first (its FLS block, after
 * the FLS callbacks, and its TLS expansion block); a thread killed by TerminateThread/ExitProcess frees nothing. */
VOID WINAPI ExitThread(DWORD dwExitCode)
{
	uint32_t args[1] = { dwExitCode };

	__vados_fls_thread_exit();
	__vados_tls_thread_exit();

	vados_syscall(SYS_EXIT_THREAD, args);
	__builtin_unreachable();
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
	uint32_t args[1] = { (uint32_t)hThread }, code;

	if (!win32_call(SYS_GET_EXIT_CODE_THREAD, args, &code))
		return FALSE;
	if (!lpExitCode) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpExitCode = code;
	return TRUE;
}

HANDLE WINAPI GetCurrentThread(VOID)
{
	return (HANDLE)(LONG_PTR)-2;
}

DWORD WINAPI GetCurrentThreadId(VOID)
{
	return (DWORD)NtCurrentTeb()->ClientId.UniqueThread;
}

/* Thread and process ids of a thread handle; 0 on failure. */
static DWORD thread_ids(HANDLE h, unsigned which)
{
	uint32_t out[2], args[2] = { (uint32_t)h, (uint32_t)out };

	return win32_call(SYS_THREAD_IDS, args, NULL) ? out[which] : 0;
}

DWORD WINAPI GetThreadId(HANDLE Thread)
{
	return thread_ids(Thread, 0);
}

DWORD WINAPI GetProcessIdOfThread(HANDLE Thread)
{
	return thread_ids(Thread, 1);
}

HANDLE WINAPI OpenThread(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwThreadId)
{
	uint32_t args[3] = { dwThreadId, dwDesiredAccess, bInheritHandle != FALSE }, h;

	return win32_call(SYS_OPEN_THREAD, args, &h) ? (HANDLE)h : NULL;
}

/* Suspend and resume: the previous count, or (DWORD)-1 on failure. */
static DWORD suspend_call(uint32_t nr, HANDLE h)
{
	uint32_t args[1] = { (uint32_t)h }, previous;

	return win32_call(nr, args, &previous) ? previous : (DWORD)-1;
}

DWORD WINAPI ResumeThread(HANDLE hThread)
{
	return suspend_call(SYS_RESUME_THREAD, hThread);
}

DWORD WINAPI SuspendThread(HANDLE hThread)
{
	return suspend_call(SYS_SUSPEND_THREAD, hThread);
}

BOOL WINAPI TerminateThread(HANDLE hThread, DWORD dwExitCode)
{
	uint32_t args[2] = { (uint32_t)hThread, dwExitCode };

	return win32_call(SYS_TERMINATE_THREAD, args, NULL);
}

BOOL WINAPI SwitchToThread(VOID)
{
	return vados_syscall(SYS_SWITCH_TO_THREAD, NULL).value != 0;
}

int WINAPI GetThreadPriority(HANDLE hThread)
{
	uint32_t args[3] = { (uint32_t)hThread, 0, 0 }, value;

	return win32_call(SYS_THREAD_PRIORITY, args, &value) ? (int)value :
		THREAD_PRIORITY_ERROR_RETURN;
}

BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority)
{
	uint32_t args[3] = { (uint32_t)hThread, 1, (uint32_t)nPriority };

	return win32_call(SYS_THREAD_PRIORITY, args, NULL);
}

VOID WINAPI GetCurrentThreadStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit)
{
	PTEB teb = NtCurrentTeb();

	*LowLimit = (ULONG_PTR)teb->DeallocationStack;
	*HighLimit = (ULONG_PTR)teb->NtTib.StackBase;
}
