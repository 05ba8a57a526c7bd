/* A handler may not continue into kernel privilege: a context with the
 * kernel's code selector is refused and the exception stays unhandled. */
#include <stdio.h>
#include <windows.h>

static LONG CALLBACK escalate(PEXCEPTION_POINTERS ep)
{
	ep->ContextRecord->SegCs = 0x08;
	ep->ContextRecord->Eip += 2;
	return EXCEPTION_CONTINUE_EXECUTION;
}

int main(void)
{
	AddVectoredExceptionHandler(1, escalate);
	asm volatile("ud2");
	printf("continue-refused: ran on after the refused continue\n");
	return 0;
}
