/* shell32's CommandLineToArgvW: the C runtime's splitting rules
 * (user/lib/argv.h) over the line in UTF-8, which keeps every character and
 * whose multibyte sequences hold no space, tab, quote or backslash byte. */
#include <windows.h>
#include "user/lib/argv.h"

/* What the line splits into, in UTF-8 on the process heap: argv[] (with
 * the strings after it) and argc; NULL with the last error set. */
static char **split_utf8(LPCWSTR line, int *argc)
{
	int bytes = WideCharToMultiByte(CP_UTF8, 0, line, -1, NULL, 0, NULL, NULL);
	size_t words, chars;
	char *utf8, **argv = NULL;

	if (!bytes || !(utf8 = HeapAlloc(GetProcessHeap(), 0, bytes)))
		return NULL;
	WideCharToMultiByte(CP_UTF8, 0, line, -1, utf8, bytes, NULL, NULL);
	argv_measure(utf8, &words, &chars, ARGV_SHELL32);
	if ((argv = HeapAlloc(GetProcessHeap(), 0, (words + 1) * sizeof(char *) + chars)) != NULL)
		*argc = argv_split(utf8, argv, (char *)(argv + words + 1), ARGV_SHELL32);
	HeapFree(GetProcessHeap(), 0, utf8);
	return argv;
}

/* argv in one LocalAlloc block (LocalFree frees it), *pNumArgs its count.
 * An empty line gives the program's file name alone. NULL pNumArgs:
 * ERROR_INVALID_PARAMETER. */
LPWSTR *WINAPI CommandLineToArgvW(LPCWSTR lpCmdLine, int *pNumArgs)
{
	WCHAR self[MAX_PATH];
	LPWSTR *out = NULL, text;
	char **argv;
	int argc = 0, units = 0;

	if (!pNumArgs) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!lpCmdLine || !*lpCmdLine) {
		GetModuleFileNameW(NULL, self, MAX_PATH);
		lpCmdLine = self;
	}
	if (!(argv = split_utf8(lpCmdLine, &argc)))
		return NULL;
	for (int i = 0; i < argc; i++)
		units += MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, NULL, 0);
	out = LocalAlloc(LMEM_FIXED, (argc + 1) * sizeof(LPWSTR) + units * sizeof(WCHAR));
	if (out) {
		text = (LPWSTR)(out + argc + 1);
		for (int i = 0, n; i < argc; i++, text += n, units -= n) {
			out[i] = text;
			n = MultiByteToWideChar(CP_UTF8, 0, argv[i], -1, text, units);
		}
		out[argc] = NULL;
		*pNumArgs = argc;
	}
	HeapFree(GetProcessHeap(), 0, argv);
	return out;
}
