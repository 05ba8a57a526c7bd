/* <wchar.h>'s stream input (a byte b is U+00b, as in the C runtime's "C"
 * locale), _wfopen (its path as CreateFileW takes it) and _wgetenv. */
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/wide_arg.h"

/* fopen's, the path and mode in CP437; NULL too for a path CP437 cannot
 * name. */
FILE *_wfopen(const wchar_t *path, const wchar_t *mode)
{
	char *a_path = NULL, *a_mode = NULL;
	FILE *f = NULL;

	if (path && mode && wide_arg(path, &a_path) && wide_arg(mode, &a_mode))
		f = fopen(a_path, a_mode);
	wide_free(a_path);
	wide_free(a_mode);
	return f;
}

wint_t fgetwc(FILE *f)
{
	int c = fgetc(f);

	return c == EOF ? WEOF : (wint_t)c;
}

wint_t getwc(FILE *f)
{
	return fgetwc(f);
}

/* Up to n - 1 characters, through the first newline; NULL at the end of
 * the stream with nothing read. */
wchar_t *fgetws(wchar_t *s, int n, FILE *f)
{
	int i = 0;
	wint_t c = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1 && c != L'\n' && (c = fgetwc(f)) != WEOF)
		s[i++] = c;
	s[i] = 0;
	return i ? s : NULL;
}

/* The value as UTF-16, kept until 16 more calls have been made (the CRT
 * keeps it until the environment changes); NULL for a name the
 * environment lacks. */
wchar_t *_wgetenv(const wchar_t *name)
{
	static wchar_t *kept[16];
	static LONG next;
	DWORD need = name ? GetEnvironmentVariableW(name, NULL, 0) : 0;
	wchar_t *value, **slot;

	if (!need || !(value = malloc(need * sizeof(wchar_t))))
		return NULL;
	if (GetEnvironmentVariableW(name, value, need) >= need) {
		free(value);                    /* it grew meanwhile */
		return NULL;
	}
	slot = &kept[(InterlockedIncrement(&next) - 1) % 16];
	free(InterlockedExchangePointer((PVOID volatile *)slot, value));
	return value;
}
