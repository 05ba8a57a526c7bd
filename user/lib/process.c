/* The end of a process: exit (after the exit functions and destructors),
 * _Exit and _exit (at once) and abort (SIGABRT's handler first, then status
 * 3 as Microsoft's C library). */
#include <signal.h>
#include <process.h>
#include <stdlib.h>
#include "vados/calls.h"
#include "user/lib/runtime.h"

void _Exit(int status)
{
	uint32_t args[1] = { (uint32_t)status };

	vados_syscall(SYS_EXIT_PROCESS, args);
	for (;;)
		;
}

/* ExitProcess's too: the calling thread's FLS callbacks run after the exit
 * functions, as at the end of any thread (FlsAlloc's rule). */
void exit(int status)
{
	__vados_run_exit_handlers();
	__vados_fls_thread_exit();
	_Exit(status);
}

void _exit(int status)
{
	_Exit(status);
}

void abort(void)
{
	raise(SIGABRT);
	_Exit(3);
}

/* Microsoft's: the exit work without the exit (_cexit runs the atexit
 * functions and destructors; _c_exit skips them too). */
void _cexit(void)
{
	__vados_run_exit_handlers();
}

void _c_exit(void)
{
}
