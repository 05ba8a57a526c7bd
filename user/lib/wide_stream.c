/* <wchar.h>'s stream input (a byte b is U+00b, as in the C runtime's "C"
 * locale), _wfopen and _wfreopen (paths as CreateFileW takes them) and _wgetenv. */
#include <errno.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>
#include "crt_thread.h"
#include "user/lib/wide_arg.h"

/* fopen's, or freopen's on reuse, the path and mode in CP437; NULL with
 * errno from the conversion's error for a path CP437 cannot name. */
static FILE *open_wide(const wchar_t *path, const wchar_t *mode, FILE *reuse)
{
	char *a_path = NULL, *a_mode = NULL;
	FILE *f = NULL;

	if (wide_arg(path, &a_path) && wide_arg(mode, &a_mode))
		f = reuse ? freopen(a_path, a_mode, reuse) : fopen(a_path, a_mode);
	else
		crt_set_errno_from_win32(GetLastError());
	wide_free(a_path);
	wide_free(a_mode);
	return f;
}

FILE *_wfopen(const wchar_t *path, const wchar_t *mode)
{
	return open_wide(path, mode, NULL);
}

FILE *_wfreopen(const wchar_t *path, const wchar_t *mode, FILE *f)
{
	if (!f)
		return crt_invalid_parameter(), NULL;
	return open_wide(path, mode, f);
}

errno_t _wfreopen_s(FILE **pf, const wchar_t *path, const wchar_t *mode, FILE *f)
{
	if (!pf)
		return crt_invalid_parameter();
	*pf = _wfreopen(path, mode, f);
	return *pf ? 0 : errno;
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
