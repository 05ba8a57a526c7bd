/* Numbers and money as text (vados/winnls.h): GetNumberFormatA/W/Ex and
 * GetCurrencyFormatA/W/Ex, from NUMBERFMT/CURRENCYFMT or the locale's. */
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "user/lib/nls.h"

#define MAX_DIGITS 160
#define MAX_SEP    15               /* a separator's or symbol's characters */
#define MAX_TEXT   (MAX_DIGITS * (MAX_SEP + 2) + 3 * MAX_SEP + 8)

/* A number's format, whichever call it came from. */
struct numfmt {
	UINT digits, leading_zero, grouping, negative, positive;
	LPCWSTR decimal, thousand, symbol;      /* symbol: NULL for a plain number */
};

struct text {
	LPWSTR buf;
	int room, len;
};

static void put_string(struct text *t, LPCWSTR s)
{
	for (; *s; s++, t->len++)
		if (t->len < t->room)
			t->buf[t->len] = *s;
}

static UINT locale_number(LCID lcid, LCTYPE type)
{
	int base;
	const WCHAR *s = nls_locale_value(lcid, type, &base);
	UINT v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* LOCALE_SGROUPING's text as NUMBERFMT's Grouping: "3;2;0" is 32 (the
 * 2s repeat), "3" is 30 (one group, then none). */
static UINT locale_grouping(LCID lcid, LCTYPE type)
{
	int base;
	const WCHAR *s = nls_locale_value(lcid, type, &base);
	size_t n = wcslen(s);
	UINT v = 0;

	for (const WCHAR *p = s; *p; p++)
		if (*p >= '0' && *p <= '9')
			v = v * 10 + (*p - '0');
	if (n >= 2 && s[n - 2] == ';' && s[n - 1] == '0')
		return v / 10;
	return v * 10;
}

/* The locale's format for a number (money: with its symbol). */
static void locale_format(LCID lcid, BOOL money, struct numfmt *f)
{
	int base;

	f->digits = locale_number(lcid, money ? LOCALE_ICURRDIGITS : LOCALE_IDIGITS);
	f->leading_zero = locale_number(lcid, LOCALE_ILZERO);
	f->grouping = locale_grouping(lcid, money ? LOCALE_SMONGROUPING : LOCALE_SGROUPING);
	f->negative = locale_number(lcid, money ? LOCALE_INEGCURR : LOCALE_INEGNUMBER);
	f->positive = locale_number(lcid, LOCALE_ICURRENCY);
	f->decimal = nls_locale_value(lcid, money ? LOCALE_SMONDECIMALSEP : LOCALE_SDECIMAL, &base);
	f->thousand = nls_locale_value(lcid, money ? LOCALE_SMONTHOUSANDSEP : LOCALE_STHOUSAND,
				       &base);
	f->symbol = money ? nls_locale_value(lcid, LOCALE_SCURRENCY, &base) : NULL;
}

/* Whether a caller's format is one the calls take. */
static BOOL format_valid(const struct numfmt *f)
{
	return f->digits <= 9 && f->decimal &&
	       f->thousand && wcslen(f->decimal) <= MAX_SEP && wcslen(f->thousand) <= MAX_SEP &&
	       (!f->symbol || wcslen(f->symbol) <= MAX_SEP) && (f->symbol ? f->negative <= 15 && f->positive <= 3
					 : f->negative <= 4);
}

/* The group sizes Grouping's decimal digits give, most significant (the
 * rightmost group) first: 32 is 3 then 2s. A last 0 ends the grouping
 * (the digits left are one run), else the last size repeats. */
static int group_sizes(UINT grouping, BYTE sizes[10], BOOL *repeat)
{
	BYTE reversed[10];
	int n = 0;

	do
		reversed[n++] = (BYTE)(grouping % 10);
	while ((grouping /= 10) != 0 && n < 10);
	for (int i = 0; i < n; i++)
		sizes[i] = reversed[n - 1 - i];
	*repeat = sizes[n - 1] != 0;
	return *repeat ? n : n - 1;
}

/* The integer digits d[0..len) with the thousand separator between their
 * groups into out; the units written. */
static int put_grouped(WCHAR *out, const char *d, int len, const struct numfmt *f)
{
	WCHAR reversed[MAX_TEXT];
	size_t sep = wcslen(f->thousand);
	BYTE sizes[10];
	BOOL repeat;
	int groups = group_sizes(f->grouping, sizes, &repeat), next = 0, r = 0, o = 0;

	while (len > 0) {
		int g = next < groups ? sizes[next++] : repeat ? sizes[groups - 1] : len;

		for (; g > 0 && len > 0; g--)
			reversed[r++] = (WCHAR)d[--len];
		for (size_t i = sep; len > 0 && i > 0; i--)
			reversed[r++] = f->thousand[i - 1];
	}
	while (r)
		out[o++] = reversed[--r];
	return o;
}

/* value ([-]digits[.digits]) rounded to f->digits decimals (half away from
 * zero) and grouped, without its sign, into out; FALSE when it is not a
 * number. *negative: it was below zero and is not zero once rounded. */
static BOOL digits_of(LPCWSTR value, const struct numfmt *f, WCHAR *out, BOOL *negative)
{
	char d[MAX_DIGITS + 12];        /* a leading 0 for the carry, the digits */
	int n = 1, point = -1, end, carry, first, o, k, left;
	BOOL zero = TRUE;

	*negative = *value == '-';
	value += *negative;
	d[0] = '0';
	for (; *value; value++) {
		if (*value == '.' && point < 0)
			point = n;
		else if (*value >= '0' && *value <= '9' && n < MAX_DIGITS)
			d[n++] = (char)*value;
		else                    /* not a number, or longer than any taken */
			return FALSE;
	}
	if (n == 1)
		return FALSE;
	if (point < 0)
		point = n;
	end = point + (int)f->digits;   /* digits kept: d[0..end) */
	while (n < end + 1)
		d[n++] = '0';
	carry = end < n && d[end] >= '5';
	for (k = end - 1; carry && k >= 0; k--) {
		carry = d[k] == '9';
		d[k] = carry ? '0' : (char)(d[k] + 1);
	}
	for (k = 0; k < end; k++)
		zero &= d[k] == '0';
	*negative &= !zero;
	for (first = 0; first < point - 1 && d[first] == '0'; first++)
		;
	left = point - first;           /* integer digits, at least one */
	if (left == 1 && d[first] == '0' && !f->leading_zero && f->digits)
		left = 0, first++;
	o = put_grouped(out, d + first, left, f);
	if (f->digits) {
		for (LPCWSTR s = f->decimal; *s; s++)
			out[o++] = *s;
		for (k = point; k < end; k++)
			out[o++] = (WCHAR)d[k];
	}
	out[o] = 0;
	return TRUE;
}

/* The templates: '#' the number, '$' the symbol. */
static const char *const negative_numbers[] = { "(#)", "-#", "- #", "#-", "# -" };
static const char *const positive_money[] = { "$#", "#$", "$ #", "# $" };
static const char *const negative_money[] = { "($#)", "-$#", "$-#", "$#-", "(#$)", "-#$",
					       "#-$", "#$-", "-# $", "-$ #", "# $-", "$ #-",
					       "$ -#", "#- $", "($ #)", "(# $)" };

static int format(LPCWSTR value, const struct numfmt *f, LPWSTR out, int room)
{
	WCHAR number[MAX_TEXT];
	struct text t = { out, room, 0 };
	const char *tpl;
	BOOL negative;

	if (!value || !digits_of(value, f, number, &negative))
		return nls_fail(ERROR_INVALID_PARAMETER);
	tpl = f->symbol ? (negative ? negative_money[f->negative] : positive_money[f->positive])
			: (negative ? negative_numbers[f->negative] : "#");
	for (; *tpl; tpl++) {
		WCHAR c[2] = { (WCHAR)*tpl, 0 };

		put_string(&t, *tpl == '#' ? number : *tpl == '$' ? f->symbol : c);
	}
	if (t.len < t.room)
		t.buf[t.len] = 0;
	t.len++;
	if (room && t.len > room)
		return nls_fail(ERROR_INSUFFICIENT_BUFFER);
	return t.len;
}

/* The checks and the format every form shares; theirs when given. */
static int number_format(LCID lcid, DWORD flags, LPCWSTR value, const struct numfmt *given,
			 BOOL money, LPWSTR out, int room)
{
	struct numfmt f;

	if (room < 0 || (room && !out) || !lcid)
		return nls_fail(ERROR_INVALID_PARAMETER);
	if ((flags & ~(DWORD)LOCALE_NOUSEROVERRIDE) || (given && flags))
		return nls_fail(ERROR_INVALID_FLAGS);
	if (given && !format_valid(given))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (!given)
		locale_format(lcid, money, &f);
	return format(value, given ? given : &f, out, room);
}

static const struct numfmt *from_number(const NUMBERFMTW *n, struct numfmt *f)
{
	if (!n)
		return NULL;
	*f = (struct numfmt){ n->NumDigits, n->LeadingZero, n->Grouping, n->NegativeOrder, 0,
			      n->lpDecimalSep, n->lpThousandSep, NULL };
	return f;
}

static const struct numfmt *from_money(const CURRENCYFMTW *c, struct numfmt *f)
{
	if (!c)
		return NULL;
	*f = (struct numfmt){ c->NumDigits, c->LeadingZero, c->Grouping, c->NegativeOrder,
			      c->PositiveOrder, c->lpDecimalSep, c->lpThousandSep,
			      c->lpCurrencySymbol };
	if (!c->lpCurrencySymbol)
		f->decimal = NULL;      /* no symbol: not a format the calls take */
	return f;
}

int WINAPI GetNumberFormatW(LCID Locale, DWORD dwFlags, LPCWSTR lpValue,
			    const NUMBERFMTW *lpFormat, LPWSTR lpNumberStr, int cchNumber)
{
	struct numfmt f;

	return number_format(nls_resolve_lcid(Locale), dwFlags, lpValue,
			     from_number(lpFormat, &f), FALSE, lpNumberStr, cchNumber);
}

int WINAPI GetNumberFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, LPCWSTR lpValue,
			     const NUMBERFMTW *lpFormat, LPWSTR lpNumberStr, int cchNumber)
{
	struct numfmt f;

	return number_format(nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES),
			     dwFlags, lpValue, from_number(lpFormat, &f), FALSE, lpNumberStr,
			     cchNumber);
}

int WINAPI GetCurrencyFormatW(LCID Locale, DWORD dwFlags, LPCWSTR lpValue,
			      const CURRENCYFMTW *lpFormat, LPWSTR lpCurrencyStr, int cchCurrency)
{
	struct numfmt f;

	return number_format(nls_resolve_lcid(Locale), dwFlags, lpValue,
			     from_money(lpFormat, &f), TRUE, lpCurrencyStr, cchCurrency);
}

int WINAPI GetCurrencyFormatEx(LPCWSTR lpLocaleName, DWORD dwFlags, LPCWSTR lpValue,
			       const CURRENCYFMTW *lpFormat, LPWSTR lpCurrencyStr,
			       int cchCurrency)
{
	struct numfmt f;

	return number_format(nls_resolve_name(lpLocaleName, LOCALE_ALLOW_NEUTRAL_NAMES),
			     dwFlags, lpValue, from_money(lpFormat, &f), TRUE, lpCurrencyStr,
			     cchCurrency);
}

/* The A forms: value and the format's strings converted (at most 15
 * characters each, as Windows' separators), the text given back in CP_ACP. */
static int ansi_number(LCID Locale, DWORD flags, LPCSTR value, const void *fmt, BOOL money,
		       LPSTR out, int room)
{
	const NUMBERFMTA *n = fmt;
	const CURRENCYFMTA *c = fmt;
	WCHAR wvalue[MAX_DIGITS + 4], text[MAX_TEXT + MAX_SEP + 4], strings[3][MAX_SEP + 1];
	LPSTR seps[3] = { n ? n->lpDecimalSep : NULL, n ? n->lpThousandSep : NULL,
			  money && c ? c->lpCurrencySymbol : NULL };
	LPWSTR w[3] = { NULL, NULL, NULL };
	struct numfmt f;
	int r;

	if (room < 0 || (room && !out))
		return nls_fail(ERROR_INVALID_PARAMETER);
	if (!value || !MultiByteToWideChar(CP_ACP, 0, value, -1, wvalue, MAX_DIGITS + 4))
		return nls_fail(ERROR_INVALID_PARAMETER);
	for (int i = 0; i < 3; i++)
		if (seps[i] && MultiByteToWideChar(CP_ACP, 0, seps[i], -1, strings[i], MAX_SEP + 1))
			w[i] = strings[i];
	if (fmt) {
		f = (struct numfmt){ n->NumDigits, n->LeadingZero, n->Grouping, n->NegativeOrder,
				     money ? c->PositiveOrder : 0, w[0], w[1], w[2] };
		if (money && !w[2])
			f.decimal = NULL;
	}
	r = number_format(nls_resolve_lcid(Locale), flags, wvalue, fmt ? &f : NULL, money, text,
			  (int)(sizeof(text) / sizeof(text[0])));
	return r ? nls_put_ansi(text, -1, out, room) : 0;
}

int WINAPI GetNumberFormatA(LCID Locale, DWORD dwFlags, LPCSTR lpValue,
			    const NUMBERFMTA *lpFormat, LPSTR lpNumberStr, int cchNumber)
{
	return ansi_number(Locale, dwFlags, lpValue, lpFormat, FALSE, lpNumberStr, cchNumber);
}

int WINAPI GetCurrencyFormatA(LCID Locale, DWORD dwFlags, LPCSTR lpValue,
			      const CURRENCYFMTA *lpFormat, LPSTR lpCurrencyStr, int cchCurrency)
{
	return ansi_number(Locale, dwFlags, lpValue, lpFormat, TRUE, lpCurrencyStr, cchCurrency);
}
