/* The end of a process: exit (after the exit functions and destructors),
 * _Exit (at once) and abort (at once, status 3 as Microsoft's C library). */
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

void exit(int status)
{
	__vados_run_exit_handlers();
	_Exit(status);
}

void abort(void)
{
	_Exit(3);
}
