/* <wchar.h>'s single-character conversions between wchar_t and the ANSI
 * code page, CP437 (one byte each way, so no shift state). */
#include <wchar.h>
#include "kernel/rtl/codepage.h"

wint_t btowc(int c)
{
	return c == EOF ? WEOF : cp437_to_unicode((unsigned char)c);
}

int wctob(wint_t c)
{
	unsigned char b = cp437_from_unicode(c);

	return b || !c ? b : EOF;
}

int mbsinit(const mbstate_t *state)
{
	(void)state;
	return 1;
}

/* s NULL: as for "" (0); n 0: (size_t)-2 (incomplete); else one byte. */
size_t mbrtowc(wchar_t *wc, const char *s, size_t n, mbstate_t *state)
{
	wchar_t c;

	(void)state;
	if (!s)
		return 0;
	if (!n)
		return (size_t)-2;
	c = cp437_to_unicode((unsigned char)*s);
	if (wc)
		*wc = c;
	return c != 0;
}

size_t mbrlen(const char *s, size_t n, mbstate_t *state)
{
	return mbrtowc(NULL, s, n, state);
}

/* (size_t)-1 for a character CP437 lacks (errno EILSEQ is not kept). */
size_t wcrtomb(char *s, wchar_t wc, mbstate_t *state)
{
	int b;

	(void)state;
	if (!s)
		return 1;
	if ((b = wctob(wc)) == EOF)
		return (size_t)-1;
	*s = (char)b;
	return 1;
}
