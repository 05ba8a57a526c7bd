/* FormatMessageA and FormatMessageW (<windows.h>, vados/winmisc.h): a
 * message from a string
 * or the system's table (message_table.c), its inserts %1..%99 (with
 * printf formats %n!fmt!) filled from a va_list or an argument array, its
 * escapes (%0 %n %r %t %% %space %. %!) and line-width rules applied, into
 * the caller's buffer or one LocalAlloc'd for it. Programs have no message
 * tables of their own (FORMAT_MESSAGE_FROM_HMODULE alone finds none).
 * Both build the message in CP437, one byte a UTF-16 character, so the
 * counts are the same; FormatMessageW's strings are converted in and out. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "message_table.h"
#include "user/lib/wide_arg.h"
#include "kernel/rtl/codepage.h"

#define MAX_INSERT  99
#define MAX_SPEC    32          /* an insert's printf format, "%" and NUL included */
#define FIELD_MAX   512         /* one formatted number or character */
#define MAX_MESSAGE (128 * 1024) /* longer: ERROR_MORE_DATA, as Windows 10 */

/* The message being built: a process-heap buffer that grows. */
struct out {
	char *buf;
	size_t len, cap;
	BOOL failed;            /* out of memory */
};

static void out_put(struct out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 128;
		char *p;
		while (cap < o->len + n + 1)
			cap *= 2;
		p = o->buf ? HeapReAlloc(GetProcessHeap(), 0, o->buf, cap)
			   : HeapAlloc(GetProcessHeap(), 0, cap);
		if (!p) {
			o->failed = TRUE;
			return;
		}
		o->buf = p, o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* The inserts' arguments: pointer-sized values, numbered from 1, from an
 * array or read from the caller's va_list as far as they are needed. */
struct args {
	const DWORD_PTR *array;         /* FORMAT_MESSAGE_ARGUMENT_ARRAY */
	va_list ap;                     /* else: a copy of the caller's */
	DWORD_PTR read[MAX_INSERT + 2];
	unsigned nread;
	BOOL wide;                      /* FormatMessageW: %s takes an LPCWSTR */
};

static DWORD_PTR arg_get(struct args *a, unsigned n)
{
	if (a->array)
		return a->array[n - 1];
	while (a->nread < n && a->nread < MAX_INSERT + 2)
		a->read[a->nread++] = va_arg(a->ap, DWORD_PTR);
	return n <= a->nread ? a->read[n - 1] : 0;
}

/* A process-heap CP437 copy of w ('?' for what CP437 lacks), or NULL. */
static char *text_narrow(LPCWSTR w)
{
	DWORD n = 0;
	char *a;

	while (w[n])
		n++;
	if ((a = HeapAlloc(GetProcessHeap(), 0, n + 1)))
		wide_narrow_lossy(w, n + 1, a);
	return a;
}

/* Makes an insert's string or character conversion (s S c C, with h or l
 * modifiers; insert() has taken out w, which says wide) the narrow printf
 * one in spec[1..*sl), keeping width and precision; returns whether its
 * argument is wide: l says wide, h narrow, else s and c are the caller's
 * form's (wide in FormatMessageW) and S and C the other. */
static BOOL text_spec(char *spec, size_t *sl, BOOL wide_call)
{
	char conv = spec[*sl - 1];
	BOOL wide = (conv == 'S' || conv == 'C') ? !wide_call : wide_call;
	size_t j = 1;

	for (size_t i = 1; i < *sl - 1; i++) {
		if (spec[i] == 'h')
			wide = FALSE;
		else if (spec[i] == 'l')
			wide = TRUE;
		else
			spec[j++] = spec[i];
	}
	spec[j++] = conv == 'S' ? 's' : conv == 'C' ? 'c' : conv;
	spec[j] = '\0';
	*sl = j;
	return wide;
}

/* One insert %n or %n!fmt! at *pp (past the '%'): its text appended and
 * *pp moved past it. Width and precision '*' take the following arguments,
 * as Windows does; I64 takes two (low word first). */
static void insert(struct out *o, const char **pp, struct args *a)
{
	const char *p = *pp;
	unsigned n = (unsigned)(*p++ - '0');
	char spec[MAX_SPEC] = "%", field[FIELD_MAX], *narrow = NULL;
	size_t sl = 1;
	DWORD_PTR v[3];
	unsigned nv = 0;
	BOOL wide64 = FALSE, wide_text = FALSE, saw_w = FALSE;
	char conv;

	if (*p >= '0' && *p <= '9')
		n = n * 10 + (unsigned)(*p++ - '0');
	if (*p == '!') {
		const char *end = strchr(p + 1, '!');
		if (end && (size_t)(end - p) < MAX_SPEC - 2) {
			for (const char *q = p + 1; q < end; q++) {
				if (q[0] == 'I' && q[1] == '6' && q[2] == '4') {
					spec[sl++] = 'l', spec[sl++] = 'l';
					wide64 = TRUE;
					q += 2;
				} else if (*q == 'w') {
					saw_w = TRUE;   /* wide text; nothing to printf */
				} else {
					spec[sl++] = *q;
				}
			}
			p = end + 1;
		} else {
			spec[sl++] = 's';
		}
	} else {
		spec[sl++] = 's';
	}
	spec[sl] = '\0';
	*pp = p;
	conv = spec[sl - 1];
	if (conv == 's' || conv == 'S' || conv == 'c' || conv == 'C')
		wide_text = text_spec(spec, &sl, a->wide) || saw_w;
	for (const char *q = spec; *q; q++)
		if (*q == '*' && nv < 2)
			v[nv++] = arg_get(a, n++);
	if (spec[sl - 1] == 's') {
		const void *arg = (const void *)arg_get(a, n);
		const char *s = arg ? arg : "(null)";
		if (arg && wide_text && !(s = narrow = text_narrow(arg))) {
			o->failed = TRUE;
			return;
		}
		if (nv == 0 && sl == 2) {               /* plain %s: any length */
			out_put(o, s, strlen(s));
			if (narrow)
				HeapFree(GetProcessHeap(), 0, narrow);
			return;
		}
		v[nv++] = (DWORD_PTR)s;
	} else if (wide64) {
		unsigned long long x = arg_get(a, n);
		x |= (unsigned long long)arg_get(a, n + 1) << 32;
		int len = nv == 0 ? snprintf(field, sizeof(field), spec, x)
			: nv == 1 ? snprintf(field, sizeof(field), spec, (int)v[0], x)
				  : snprintf(field, sizeof(field), spec, (int)v[0], (int)v[1], x);
		out_put(o, field, len < 0 ? 0 : strlen(field));
		return;
	} else if (spec[sl - 1] == 'c' && wide_text) {
		WCHAR c = (WCHAR)arg_get(a, n);
		uint8_t b = cp437_from_unicode(c);
		v[nv++] = b || !c ? b : '?';
	} else {
		v[nv++] = arg_get(a, n);
	}
	int len = nv == 1 ? snprintf(field, sizeof(field), spec, v[0])
		: nv == 2 ? snprintf(field, sizeof(field), spec, (int)v[0], v[1])
			  : snprintf(field, sizeof(field), spec, (int)v[0], (int)v[1], v[2]);
	out_put(o, field, len < 0 ? 0 : strlen(field));
	if (narrow)
		HeapFree(GetProcessHeap(), 0, narrow);
}

/* Whether text has an insert (%1..%99) that would need arguments. */
static BOOL has_insert(const char *text)
{
	for (const char *p = text; *p; p++)
		if (*p == '%') {
			if (p[1] >= '1' && p[1] <= '9')
				return TRUE;
			if (p[1])
				p++;
		}
	return FALSE;
}

/* Builds the message: escapes, inserts (copied as they are with
 * ignore_inserts) and, with a width, the text's own line breaks as spaces
 * (%n's kept as "\r\n"). */
static void expand(struct out *o, const char *text, BOOL ignore_inserts, DWORD width,
		   struct args *a)
{
	for (const char *p = text; *p && !o->failed;) {
		if (*p == '%') {
			char c = p[1];
			if (c >= '1' && c <= '9') {
				if (ignore_inserts) {
					out_put(o, p, 2);
					p += 2;
				} else {
					p++;
					insert(o, &p, a);
				}
				continue;
			}
			if (c == '0' || c == '\0')
				return;
			p += 2;
			if (c == 'n')
				out_put(o, "\r\n", 2);
			else if (c == 'r')
				out_put(o, "\r", 1);
			else if (c == 't')
				out_put(o, "\t", 1);
			else
				out_put(o, &c, 1);      /* %% %space %. %! and the rest */
		} else if (width && (*p == '\r' || *p == '\n')) {
			p += p[0] == '\r' && p[1] == '\n' ? 2 : 1;
			out_put(o, " ", 1);
		} else {
			out_put(o, p++, 1);
		}
	}
}

/* Breaks lines longer than width at their last space (a word longer than
 * the line stays whole), as "\r\n". */
static void wrap(struct out *o, DWORD width)
{
	struct out w = { 0 };
	size_t line = 0, last_space = (size_t)-1;

	for (size_t i = 0; i < o->len; i++) {
		char c = o->buf[i];
		out_put(&w, &c, 1);
		if (c == '\n') {
			line = w.len, last_space = (size_t)-1;
			continue;
		}
		if (c == ' ')
			last_space = w.len - 1;
		if (w.len - line > width && last_space != (size_t)-1 && !w.failed) {
			out_put(&w, " ", 1);    /* room for the two-byte break */
			if (w.failed)
				break;
			memmove(w.buf + last_space + 2, w.buf + last_space + 1,
				w.len - last_space - 2);
			w.buf[last_space] = '\r', w.buf[last_space + 1] = '\n';
			line = last_space + 2, last_space = (size_t)-1;
		}
	}
	HeapFree(GetProcessHeap(), 0, o->buf);
	*o = w;
}

/* The message's text, or NULL with the last error set; a W call's string
 * (wide) comes back as a CP437 copy in *copy, to free. */
static const char *source_text(DWORD flags, LPCVOID source, DWORD id, DWORD language,
			       BOOL wide, char **copy)
{
	const char *text;

	*copy = NULL;
	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		if (!source || (wide ? IsBadStringPtrW(source, (UINT_PTR)-1)
				     : IsBadStringPtrA(source, (UINT_PTR)-1))) {
			SetLastError(ERROR_INVALID_PARAMETER);
			return NULL;
		}
		if (!wide)
			return source;
		if (!(*copy = text_narrow(source)))
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return *copy;
	}
	if (!(flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (language && PRIMARYLANGID(language) != LANG_NEUTRAL &&
	    PRIMARYLANGID(language) != LANG_ENGLISH) {
		SetLastError(ERROR_RESOURCE_LANG_NOT_FOUND);
		return NULL;
	}
	if (!(flags & FORMAT_MESSAGE_FROM_SYSTEM)) {
		SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);     /* no module has a table */
		return NULL;
	}
	if (!(text = message_table_find(id)))
		SetLastError(ERROR_MR_MID_NOT_FOUND);
	return text;
}

/* Stores the message o (len characters) as FormatMessage's caller asked:
 * into lpBuffer of nSize characters, or with FORMAT_MESSAGE_ALLOCATE_BUFFER
 * into a LocalAlloc'd buffer of at least nSize whose address goes to
 * *lpBuffer; characters are bytes, or (wide) WCHARs. The length, or 0 with
 * the last error. */
static DWORD message_store(const struct out *o, DWORD flags, void *lpBuffer, DWORD nSize,
			   BOOL wide)
{
	size_t unit = wide ? sizeof(WCHAR) : 1;
	size_t chars = o->len + 1 > nSize ? o->len + 1 : nSize;
	void *to;
	HLOCAL h = NULL;

	if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		if (chars > MAXDWORD / unit || !(h = LocalAlloc(LMEM_FIXED, chars * unit))) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		if (IsBadWritePtr(lpBuffer, sizeof(void *))) {
			LocalFree(h);
			SetLastError(ERROR_NOACCESS);
			return 0;
		}
		to = h;
	} else if (o->len + 1 > nSize) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	} else if (IsBadWritePtr(lpBuffer, (o->len + 1) * unit)) {
		SetLastError(ERROR_NOACCESS);
		return 0;
	} else {
		to = lpBuffer;
	}
	if (wide)
		wide_widen(o->buf, to, (DWORD)o->len + 1);
	else
		memcpy(to, o->buf, o->len + 1);
	if (h)
		*(void **)lpBuffer = h;
	return (DWORD)o->len;
}

/* FormatMessageA's work for both forms (wide: FormatMessageW's). */
static DWORD format_message(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
			    DWORD dwLanguageId, void *lpBuffer, DWORD nSize, va_list *Arguments,
			    BOOL wide)
{
	DWORD width = dwFlags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
	BOOL ignore = (dwFlags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0;
	struct out o = { 0 };
	struct args a = { .wide = wide };
	const char *text;
	char *copy;
	DWORD result = 0;
	BOOL copied = FALSE;

	if (!lpBuffer) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!(text = source_text(dwFlags, lpSource, dwMessageId, dwLanguageId, wide, &copy)))
		return 0;
	if (!ignore && has_insert(text)) {
		if (!Arguments) {
			wide_free(copy);
			SetLastError(ERROR_INVALID_PARAMETER);
			return 0;
		}
		if (dwFlags & FORMAT_MESSAGE_ARGUMENT_ARRAY)
			a.array = (const DWORD_PTR *)Arguments;
		else
			va_copy(a.ap, *Arguments), copied = TRUE;
	}
	out_put(&o, "", 0);
	expand(&o, text, ignore, width, &a);
	if (copied)
		va_end(a.ap);
	if (width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK && !o.failed)
		wrap(&o, width);
	if (o.failed)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	else if (o.len >= MAX_MESSAGE)
		SetLastError(ERROR_MORE_DATA);
	else
		result = message_store(&o, dwFlags, lpBuffer, nSize, wide);
	HeapFree(GetProcessHeap(), 0, o.buf);
	wide_free(copy);
	return result;
}

/* The length stored (without the NUL), or 0 with the last error:
 * ERROR_INVALID_PARAMETER (no source, no buffer, or inserts without
 * arguments), ERROR_RESOURCE_LANG_NOT_FOUND (a language other than neutral
 * or English), ERROR_MR_MID_NOT_FOUND (no such system message),
 * ERROR_RESOURCE_TYPE_NOT_FOUND (FROM_HMODULE alone),
 * ERROR_INSUFFICIENT_BUFFER (nSize cannot hold it and its NUL: nothing
 * written), ERROR_MORE_DATA (128 KB or more), ERROR_NOT_ENOUGH_MEMORY. With
 * FORMAT_MESSAGE_ALLOCATE_BUFFER, lpBuffer is an LPSTR * that gets a
 * LocalAlloc'd buffer of at least nSize bytes (free it with LocalFree). */
DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
			    DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	return format_message(dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize,
			      Arguments, FALSE);
}

/* As FormatMessageA, in WCHARs: lpSource an LPCWSTR, nSize and the
 * allocated buffer (an LPWSTR * in lpBuffer) counted in WCHARs, string
 * inserts LPCWSTRs unless their format says S or h. */
DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
			    DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	return format_message(dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize,
			      Arguments, TRUE);
}
