/* GetThreadContext and SetThreadContext (<windows.h>, vados/winmisc.h)
 * over SYS_THREAD_CONTEXT: the registers a thread left ring 3 with, which
 * stay put while it is suspended (SuspendThread first, as Windows asks). */
#include <windows.h>
#include "win32call.h"

/* Fills the groups lpContext->ContextFlags names (CONTEXT_CONTROL,
 * CONTEXT_INTEGER, CONTEXT_SEGMENTS, CONTEXT_FLOATING_POINT: the x87 state,
 * CONTEXT_EXTENDED_REGISTERS: FXSAVE's image with the XMM registers and
 * MXCSR, on a CPU with FXSR; the debug registers are left as they are).
 * THREAD_GET_CONTEXT. */
BOOL WINAPI GetThreadContext(HANDLE hThread, LPCONTEXT lpContext)
{
	uint32_t args[3] = { (uint32_t)hThread, (uint32_t)lpContext, 0 };

	return win32_call(SYS_THREAD_CONTEXT, args, NULL);
}

/* Loads those groups; selectors must be ring 3's own and EFlags may not
 * raise IOPL (ERROR_INVALID_PARAMETER). THREAD_SET_CONTEXT. */
BOOL WINAPI SetThreadContext(HANDLE hThread, const CONTEXT *lpContext)
{
	uint32_t args[3] = { (uint32_t)hThread, (uint32_t)lpContext, 1 };

	return win32_call(SYS_THREAD_CONTEXT, args, NULL);
}
