/* main's arguments as the runtime keeps them for the process's own use. */
#include <stddef.h>
#include "user/lib/runtime.h"

static int saved_argc;
static char **saved_argv;

void __vados_args_init(int argc, char **argv)
{
	saved_argc = argc;
	saved_argv = argv;
}

const char *__vados_program_name(void)
{
	return saved_argc > 0 && saved_argv[0] ? saved_argv[0] : "?";
}
