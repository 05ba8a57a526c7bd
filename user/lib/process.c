/* Process control for ring 3. */
#include <stdlib.h>
#include "vados/calls.h"

void exit(int status)
{
	uint32_t args[1] = { (uint32_t)status };

	vados_syscall(SYS_EXIT_PROCESS, args);
	for (;;)
		;
}
