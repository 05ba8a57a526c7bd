/* Microsoft's integer-to-text calls (<stdlib.h>): base 2..36 in lower-case
 * digits, a '-' only for a negative value in base 10 (other bases show the
 * two's-complement bits of the value's own width). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "crt_thread.h"

/* The text of v (negated when neg) into out[66]; returns its length. */
static size_t to_text(unsigned long long v, int neg, int base, char *out)
{
	char rev[66];
	size_t n = 0, len = 0;

	do {
		rev[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	if (neg)
		out[len++] = '-';
	while (n)
		out[len++] = rev[--n];
	out[len] = '\0';
	return len;
}

/* The checked body: bits are the value's own, is_negative says that base 10
 * shows it as '-' and its magnitude. */
static errno_t convert(unsigned long long bits, int is_negative, char *buf, size_t size,
		       int base)
{
	char text[66];
	size_t len;

	if (!buf || !size)
		return crt_invalid_parameter();
	if (base < 2 || base > 36) {
		buf[0] = '\0';
		return crt_invalid_parameter();
	}
	if (is_negative && base == 10)
		len = to_text(0ULL - bits, 1, base, text);
	else
		len = to_text(bits, 0, base, text);
	if (len >= size) {
		buf[0] = '\0';
		crt_invalid_parameter();
		return errno = ERANGE;
	}
	memcpy(buf, text, len + 1);
	return 0;
}

errno_t _i64toa_s(long long v, char *buf, size_t size, int base)
{
	return convert((unsigned long long)v, v < 0, buf, size, base);
}

errno_t _ui64toa_s(unsigned long long v, char *buf, size_t size, int base)
{
	return convert(v, 0, buf, size, base);
}

errno_t _itoa_s(int v, char *buf, size_t size, int base)
{
	return v < 0 && base == 10 ? _i64toa_s(v, buf, size, base)
				   : _ui64toa_s((unsigned int)v, buf, size, base);
}

errno_t _ltoa_s(long v, char *buf, size_t size, int base) { return _itoa_s((int)v, buf, size, base); }

errno_t _ultoa_s(unsigned long v, char *buf, size_t size, int base)
{
	return _ui64toa_s(v, buf, size, base);
}

/* The unchecked forms trust buf to be large enough (33 or 65 bytes). */
char *_i64toa(long long v, char *buf, int base) { _i64toa_s(v, buf, 66, base); return buf; }
char *_ui64toa(unsigned long long v, char *buf, int base) { _ui64toa_s(v, buf, 66, base); return buf; }
char *_itoa(int v, char *buf, int base) { _itoa_s(v, buf, 34, base); return buf; }
char *_ltoa(long v, char *buf, int base) { _ltoa_s(v, buf, 34, base); return buf; }
char *_ultoa(unsigned long v, char *buf, int base) { _ultoa_s(v, buf, 34, base); return buf; }
char *itoa(int v, char *buf, int base) { return _itoa(v, buf, base); }
char *ltoa(long v, char *buf, int base) { return _ltoa(v, buf, base); }
char *ultoa(unsigned long v, char *buf, int base) { return _ultoa(v, buf, base); }
