/* main's arguments as the runtime keeps them for the process's own use, and
 * GetCommandLineA. */
#include <string.h>
#include <windows.h>
#include "user/lib/runtime.h"

#define CMDLINE_MAX 256         /* the kernel's limit on a command line */

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

/* The command line the process was started with: its words (the kernel
 * splits it at spaces) joined by one space; the same buffer every time. */
LPSTR WINAPI GetCommandLineA(VOID)
{
	static char line[CMDLINE_MAX];

	if (!line[0])
		for (int i = 0; i < saved_argc; i++) {
			if (i)
				strlcpy(line + strlen(line), " ", sizeof(line) - strlen(line));
			strlcpy(line + strlen(line), saved_argv[i], sizeof(line) - strlen(line));
		}
	return line;
}
