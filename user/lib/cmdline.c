/* The command line as the kernel passed it (GetCommandLineA) and main's
 * arguments, which crt0.c split from it (user/lib/argv.c). */
#include <windows.h>
#include "user/lib/runtime.h"

static char *saved_line = "";
static int saved_argc;
static char **saved_argv;

void __vados_args_init(char *line, int argc, char **argv)
{
	saved_line = line;
	saved_argc = argc;
	saved_argv = argv;
}

const char *__vados_program_name(void)
{
	return saved_argc > 0 && saved_argv[0][0] ? saved_argv[0] : "?";
}

/* The whole command line the process was started with, as its creator gave
 * it (quotes and all); the same buffer every time. */
LPSTR WINAPI GetCommandLineA(VOID)
{
	return saved_line;
}
