/* Dates and times as text (vados/winnls.h): GetDateFormatA/W/Ex and
 * GetTimeFormatA/W/Ex over the locale's pictures (d, M, y, g; h, H, m, s,
 * t; '...' quotes text, '' a quote). */
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/nls.h"

#define DATE_PICTURES (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY)
#define DATE_FLAGS (DATE_PICTURES | DATE_USE_ALT_CALENDAR | DATE_LTRREADING |               \
		    DATE_RTLREADING | DATE_AUTOLAYOUT | LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP)
#define TIME_FLAGS (TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER |        \
		    TIME_FORCE24HOURFORMAT | LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP)

/* The text being made: what fits of it in buf, its whole length. */
struct text {
	LPWSTR buf;
	int room, len;
	int held;                       /* literal text since the last field */
	BOOL skipping;                  /* after a dropped field: its separator */
};

static void put(struct text *t, WCHAR c)
{
	if (t->len < t->room)
		t->buf[t->len] = c;
	t->len++;
}

static void put_string(struct text *t, const WCHAR *s)
{
	while (*s)
		put(t, *s++);
}

static void put_number(struct text *t, unsigned v, int width)
{
	WCHAR digits[12];
	int n = 0;

	do
		digits[n++] = (WCHAR)('0' + v % 10);
	while ((v /= 10) != 0);
	while (width-- > n)
		put(t, '0');
	while (n)
		put(t, digits[--n]);
}

static const WCHAR *value(LCID lcid, LCTYPE type)
{
	int base;

	return nls_locale_value(lcid, type, &base);
}

static BOOL leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned month_days(unsigned y, unsigned m)
{
	static const BYTE days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[m - 1] + (m == 2 && leap(y));
}

/* 0 Sunday .. 6 Saturday (Sakamoto's method). */
static unsigned weekday(unsigned y, unsigned m, unsigned d)
{
	static const BYTE t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	y -= m < 3;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* One date field: the run of n letters c. */
static void date_field(struct text *t, LCID lcid, const SYSTEMTIME *st, WCHAR c, int n)
{
	unsigned wd = (weekday(st->wYear, st->wMonth, st->wDay) + 6) % 7;       /* Monday 0 */

	if (c == 'd' && n <= 2)
		put_number(t, st->wDay, n);
	else if (c == 'd')
		put_string(t, value(lcid, (n == 3 ? LOCALE_SABBREVDAYNAME1 : LOCALE_SDAYNAME1) + wd));
	else if (c == 'M' && n <= 2)
		put_number(t, st->wMonth, n);
	else if (c == 'M')
		put_string(t, value(lcid, (n == 3 ? LOCALE_SABBREVMONTHNAME1 : LOCALE_SMONTHNAME1) +
					  st->wMonth - 1));
	else if (c == 'y' && n <= 2)
		put_number(t, st->wYear % 100, n);
	else if (c == 'y')
		put_number(t, st->wYear, 4);
	else
		put_string(t, L"A.D.");
}

/* Literal text: dropped right after a dropped field until a space. */
static void literal(struct text *t, WCHAR c)
{
	if (t->skipping && c != ' ')
		return;
	t->skipping = FALSE;
	put(t, c);
	t->held++;
}

/* One time field, or nothing when the flags drop it: then the literal text
 * before it goes too, and what follows it up to a space. */
static void time_field(struct text *t, LCID lcid, const SYSTEMTIME *st, DWORD flags, WCHAR c,
		       int n)
{
	const WCHAR *marker = value(lcid, st->wHour < 12 ? LOCALE_S1159 : LOCALE_S2359);
	BOOL dropped = ((flags & TIME_NOMINUTESORSECONDS) && (c == 'm' || c == 's')) ||
		       ((flags & TIME_NOSECONDS) && c == 's') ||
		       ((flags & TIME_NOTIMEMARKER) && c == 't');

	if (dropped) {
		t->len -= t->held;
		t->skipping = TRUE;
		return;
	}
	t->skipping = FALSE;
	if (c == 'h' && !(flags & TIME_FORCE24HOURFORMAT))
		put_number(t, st->wHour % 12 ? st->wHour % 12 : 12, n > 2 ? 2 : n);
	else if (c == 'h' || c == 'H')
		put_number(t, st->wHour, n > 2 ? 2 : n);
	else if (c == 'm')
		put_number(t, st->wMinute, n > 2 ? 2 : n);
	else if (c == 's')
		put_number(t, st->wSecond, n > 2 ? 2 : n);
	else if (n == 1 && *marker)
		put(t, *marker);
	else if (n > 1)
		put_string(t, marker);
}

/* The picture with st's fields; time: the time letters, else the date's. */
static void expand(struct text *t, LCID lcid, const SYSTEMTIME *st, LPCWSTR pic, BOOL time,
		   DWORD flags)
{
	static const WCHAR date_letters[] = L"dMyg", time_letters[] = L"hHmst";

	while (*pic) {
		WCHAR c = *pic;
		int n = 1;

		if (c == '\'') {               /* quoted: '' in it is a quote */
			for (pic++; *pic; pic++) {
				if (*pic == '\'' && pic[1] != '\'')
					break;
				pic += *pic == '\'';
				literal(t, *pic);
			}
			pic += *pic == '\'';
			continue;
		}
		if (!wcschr(time ? time_letters : date_letters, c)) {
			literal(t, c);
			pic++;
			continue;
		}
		while (pic[n] == c)
			n++;
		pic += n;
		if (time)
			time_field(t, lcid, st, flags, c, n);
		else
			date_field(t, lcid, st, c, n);
		t->held = 0;
	}
}

/* Copies the made text out as the size rules say. */
static int finish(struct text *t, int room)
{
	put(t, 0);
	if (room && t->len > room)
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	return t->len;
}

static int date_format(LCID lcid, DWORD flags, const SYSTEMTIME *date, LPCWSTR format,
		       LPWSTR out, int room)
{
	SYSTEMTIME now;
	struct text t = { out, room, 0, 0, FALSE };
	DWORD pictures = flags & DATE_PICTURES;
	LCTYPE type = pictures == DATE_LONGDATE ? LOCALE_SLONGDATE
		    : pictures == DATE_YEARMONTH ? LOCALE_SYEARMONTH
		    : pictures == DATE_MONTHDAY ? LOCALE_SMONTHDAY : LOCALE_SSHORTDATE;

	if (room < 0 || (room && !out) || !lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if ((flags & ~(DWORD)DATE_FLAGS) || (pictures & (pictures - 1)) ||
	    (format && (flags & (DATE_PICTURES | LOCALE_NOUSEROVERRIDE))) ||
	    ((flags & DATE_LTRREADING) && (flags & DATE_RTLREADING)) ||
	    ((flags & DATE_AUTOLAYOUT) && (flags & (DATE_LTRREADING | DATE_RTLREADING))))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!date) {
		GetLocalTime(&now);
		date = &now;
	}
	if (date->wMonth < 1 || date->wMonth > 12 || date->wYear < 1601 || date->wYear > 30827 ||
	    date->wDay < 1 || date->wDay > month_days(date->wYear, date->wMonth))
		return nls_fail(ERROR_INVALID_PARAMETER);
	expand(&t, lcid, date, format ? format : value(lcid, type), FALSE, flags);
	return finish(&t, room);
}

static int time_format(LCID lcid, DWORD flags, const SYSTEMTIME *time, LPCWSTR format,
		       LPWSTR out, int room)
{
	SYSTEMTIME now;
	struct text t = { out, room, 0, 0, FALSE };

	if (room < 0 || (room && !out) || !lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if ((flags & ~(DWORD)TIME_FLAGS) || (format && (flags & LOCALE_NOUSEROVERRIDE)))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (!time) {
		GetLocalTime(&now);
		time = &now;
	}
	if (time->wHour > 23 || time->wMinute > 59 || time->wSecond > 59 ||
	    time->wMilliseconds > 999)
		return nls_fail(ERROR_INVALID_PARAMETER);
	expand(&t, lcid, time, format ? format : value(lcid, LOCALE_STIMEFORMAT), TRUE, flags);
	return finish(&t, room);
}

int WINAPI GetDateFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate,
			  LPCWSTR lpFormat, LPWSTR lpDateStr, int cchDate)
{
	return date_format(nls_resolve_lcid(Locale), dwFlags, lpDate, lpFormat, lpDateStr,
			   cchDate);
}

int WINAPI GetDateFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, const SYSTEMTIME *lpDate,
			   LPCWSTR lpFormat, LPWSTR lpDateStr, int cchDate, LPCWSTR lpCalendar)
{
	if (lpCalendar)
		return nls_fail(ERROR_INVALID_PARAMETER);
	return date_format(nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES), dwFlags,
			   lpDate, lpFormat, lpDateStr, cchDate);
}

int WINAPI GetTimeFormatW(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime,
			  LPCWSTR lpFormat, LPWSTR lpTimeStr, int cchTime)
{
	return time_format(nls_resolve_lcid(Locale), dwFlags, lpTime, lpFormat, lpTimeStr,
			   cchTime);
}

int WINAPI GetTimeFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, const SYSTEMTIME *lpTime,
			   LPCWSTR lpFormat, LPWSTR lpTimeStr, int cchTime)
{
	return time_format(nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES), dwFlags,
			   lpTime, lpFormat, lpTimeStr, cchTime);
}

/* The A forms: the picture converted, the W form run once (now is read
 * once) into a UTF-16 buffer the picture cannot outgrow (a letter of it
 * gives at most 4 characters: "g" is "A.D."), the text given back in
 * CP_ACP. */
static int ansi_format(BOOL time, LCID Locale, DWORD flags, const SYSTEMTIME *st,
		       LPCSTR format, LPSTR out, int room)
{
	LPWSTR wformat = NULL, text;
	int n = 64, size, r = 0;

	if (room < 0 || (room && !out))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (format && !(wformat = nls_wide(format, -1, FALSE, &n)))
		return 0;
	size = 4 * n + 64;
	text = HeapAlloc(GetProcessHeap(), 0, size * sizeof(WCHAR));
	if (!text) {
		nls_free(wformat);
		return nls_fail(ERROR_NOT_ENOUGH_MEMORY);
	}
	n = time ? GetTimeFormatW(Locale, flags, st, wformat, text, size)
		 : GetDateFormatW(Locale, flags, st, wformat, text, size);
	if (n)
		r = nls_put_ansi(text, -1, out, room);
	nls_free(text);
	nls_free(wformat);
	return r;
}

int WINAPI GetDateFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpDate,
			  LPCSTR lpFormat, LPSTR lpDateStr, int cchDate)
{
	return ansi_format(FALSE, Locale, dwFlags, lpDate, lpFormat, lpDateStr, cchDate);
}

int WINAPI GetTimeFormatA(LCID Locale, DWORD dwFlags, const SYSTEMTIME *lpTime,
			  LPCSTR lpFormat, LPSTR lpTimeStr, int cchTime)
{
	return ansi_format(TRUE, Locale, dwFlags, lpTime, lpFormat, lpTimeStr, cchTime);
}
