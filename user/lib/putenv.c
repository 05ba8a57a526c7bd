/* The C library's _putenv family (<stdlib.h>) over SetEnvironmentVariableA. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "crt_thread.h"

/* The C library's "NAME=value" (an empty value removes NAME). */
int _putenv(const char *assignment)
{
	const char *eq = assignment ? strchr(assignment, '=') : NULL;
	char name[256];

	if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof(name)) {
		crt_invalid_parameter();
		return -1;
	}
	memcpy(name, assignment, (size_t)(eq - assignment));
	name[eq - assignment] = '\0';
	return _putenv_s(name, eq + 1) ? -1 : 0;
}

int putenv(const char *assignment) { return _putenv(assignment); }

errno_t _putenv_s(const char *name, const char *value)
{
	if (!name || !*name || !value || strchr(name, '='))
		return crt_invalid_parameter();
	if (!*value && !getenv(name))
		return 0;               /* removing what is not there */
	if (!SetEnvironmentVariableA(name, *value ? value : NULL)) {
		crt_set_errno_from_win32(GetLastError());
		return errno;
	}
	return 0;
}
