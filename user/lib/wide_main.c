/* A program that defines wmain instead of main (<tchar.h>'s _tmain of a
 * _UNICODE build): this main, taken from the library only when the program
 * has none, calls wmain with the arguments crt0 split as UTF-16 (one unit
 * per CP437 byte) and envp the environment's strings, in memory that lasts
 * as long as the process. A program with neither fails to link (wmain
 * undefined). */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/wide_arg.h"

int wmain(int argc, wchar_t **argv, wchar_t **envp);

/* wmain's envp: the environment's strings as UTF-16, NULL-ended (a copy
 * made at start; an empty list without memory for it). */
static wchar_t **environment(void)
{
	static wchar_t *none[1];
	LPWCH block = GetEnvironmentStringsW();
	size_t count = 0;
	wchar_t **envp;

	for (LPWCH p = block; p && *p; p += wcslen(p) + 1)
		count++;
	if (!block || !(envp = HeapAlloc(GetProcessHeap(), 0, (count + 1) * sizeof(*envp))))
		return none;
	count = 0;
	for (LPWCH p = block; *p; p += wcslen(p) + 1)
		envp[count++] = p;
	envp[count] = NULL;
	return envp;
}

__attribute__((weak)) int main(int argc, char **argv)
{
	size_t units = 0;
	wchar_t **wargv, *text;

	for (int i = 0; i < argc; i++)
		units += strlen(argv[i]) + 1;
	wargv = HeapAlloc(GetProcessHeap(), 0, (argc + 1) * sizeof(*wargv) + units * sizeof(WCHAR));
	if (!wargv) {
		printf("no memory for wmain's arguments\n");
		return 3;
	}
	text = (wchar_t *)(wargv + argc + 1);
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		wargv[i] = text;
		wide_widen(argv[i], text, n);
		text += n;
	}
	wargv[argc] = NULL;
	return wmain(argc, wargv, environment());
}
