/* A program that defines wmain instead of main (<tchar.h>'s _tmain of a
 * _UNICODE build): this main, taken from the library only when the program
 * has none, calls wmain with the arguments crt0 split as UTF-16 (one unit
 * per CP437 byte), in memory that lasts as long as the process. A program
 * with neither fails to link (wmain undefined). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "user/lib/wide_arg.h"

int wmain(int argc, wchar_t **argv, wchar_t **envp);

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
	return wmain(argc, wargv, NULL);
}
