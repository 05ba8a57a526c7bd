/* A handler that declines (CONTINUE_SEARCH) leaves the exception unhandled:
 * the process ends with the exception code and the kernel's one-line report. */
#include <stdio.h>
#include <windows.h>

static LONG CALLBACK decline(PEXCEPTION_POINTERS ep)
{
	printf("unhandled-exception: declining 0x%lx\n", ep->ExceptionRecord->ExceptionCode);
	return EXCEPTION_CONTINUE_SEARCH;
}

int main(void)
{
	volatile DWORD low = 0x10;      /* hidden from the compiler's bounds checks */

	AddVectoredExceptionHandler(1, decline);
	*(volatile int *)low = 1;
	printf("unhandled-exception: still running\n");
	return 0;
}
