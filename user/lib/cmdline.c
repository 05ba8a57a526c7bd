/* The command line as the kernel passed it (GetCommandLineA), and main's
 * arguments split from it by the C runtime's rules (user/lib/argv.c). */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "user/lib/argv.h"
#include "user/lib/runtime.h"

static char *saved_line = "";
static int saved_argc;
static char **saved_argv;

void __vados_args_init(const char *line, int *argc, char ***argv)
{
	static char *none[2] = { "", NULL };
	size_t words, chars, len = strlen(line);
	char *copy = malloc(len + 1);

	argv_measure(line, &words, &chars);
	saved_argv = malloc((words + 1) * sizeof(char *) + chars);
	if (copy)
		saved_line = memcpy(copy, line, len + 1);
	if (saved_argv) {
		saved_argc = argv_split(line, saved_argv, (char *)(saved_argv + words + 1));
	} else {
		saved_argv = none;
		saved_argc = 1;
	}
	*argc = saved_argc;
	*argv = saved_argv;
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
