/* Names: code page 437 (kernel/rtl/codepage.c) and Unicode, case folding, validation of long names,
 * and 8.3 short names (the specification's basis name and numeric tail). See
 * kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/codepage.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"

/* The upper case of c over ASCII, Latin-1 and Greek (every lower-case letter
 * CP437 has); other characters are their own upper case. */
uint16_t fat_upcase(uint16_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) ||
	    (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2))
		return c - 0x20;
	return c == 0xFF ? 0x178 : c;
}

/* Whether c may appear in a long name (Windows' rule). */
static bool long_char_ok(uint8_t c)
{
	for (const char *bad = "\"*/:<>?\\|"; *bad; bad++)
		if (c == (uint8_t)*bad)
			return false;
	return c >= 0x20;
}

/* Parses one path component s[0..len): trailing dots and spaces dropped (as
 * Win32 drops them), then 1..255 characters none of which is a control
 * character or one of "*\/:<>?|. ERROR_INVALID_NAME or
 * ERROR_FILENAME_EXCED_RANGE otherwise. */
uint32_t fat_name_parse(const char *s, uint32_t len, struct fat_name *out)
{
	while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	for (uint32_t i = 0; i < len; i++)
		if (!long_char_ok((uint8_t)s[i]))
			return ERROR_INVALID_NAME;
	if (len == 0)
		return ERROR_INVALID_NAME;
	if (len > FAT_NAME_MAX)
		return ERROR_FILENAME_EXCED_RANGE;
	out->len = len;
	for (uint32_t i = 0; i < len; i++) {
		out->uni[i] = cp437_to_unicode((uint8_t)s[i]);
		out->fold[i] = fat_upcase(out->uni[i]);
	}
	return ERROR_SUCCESS;
}

/* Whether the Unicode name uni[0..len) equals n, case aside. Compared from
 * the end: names in one directory tend to differ there (numbered ones). */
bool fat_name_matches(const struct fat_name *n, const uint16_t *uni, uint32_t len)
{
	if (len != n->len)
		return false;
	for (uint32_t i = len; i-- > 0;)
		if (fat_upcase(uni[i]) != n->fold[i])
			return false;
	return true;
}

/* The 8.3 byte of upper-case Unicode c: '_' (lossy) for what CP437 lacks and
 * for the characters long names allow but short ones do not. */
static uint8_t short_char(uint16_t c, bool *lossy)
{
	uint8_t o = cp437_from_unicode(c);

	for (const char *bad = "+,;=[]"; o && *bad; bad++)
		if (o == (uint8_t)*bad)
			o = 0;
	if (!o) {
		*lossy = true;
		return '_';
	}
	return o;
}

/* Copies n->fold[from..to) into sfn[0..room) as 8.3 bytes, dropping spaces;
 * returns how many were stored and notes spaces and truncation. */
static uint32_t short_part(const struct fat_name *n, uint32_t from, uint32_t to, uint8_t *sfn,
			   uint32_t room, struct fat_basis *b, bool *spaces)
{
	uint32_t stored = 0;

	for (uint32_t k = from; k < to; k++) {
		if (n->fold[k] == ' ')
			*spaces = true;
		else if (stored < room)
			sfn[stored++] = short_char(n->fold[k], &b->lossy);
		else
			b->lossy = true;        /* truncated */
	}
	return stored;
}

/* The basis name of n (Microsoft's FAT specification, "Basis-Name Generation
 * Algorithm"): upper case in CP437, spaces and leading periods dropped, up to
 * 8 characters before the first period and 3 after the last. */
void fat_name_basis(const struct fat_name *n, struct fat_basis *b)
{
	uint32_t start = 0, first_dot, last_dot = n->len, dots = 0;
	bool spaces = false;

	while (n->fold[start] == '.' || n->fold[start] == ' ')
		start++;                        /* parsed names never end so */
	for (uint32_t k = start; k < n->len; k++)
		if (n->fold[k] == '.') {
			last_dot = k;
			dots++;
		}
	for (first_dot = start; first_dot < n->len && n->fold[first_dot] != '.'; first_dot++)
		;
	for (uint32_t k = 0; k < 11; k++)
		b->sfn[k] = ' ';
	b->lossy = false;
	b->base_len = short_part(n, start, first_dot, b->sfn, 8, b, &spaces);
	if (last_dot < n->len)
		short_part(n, last_dot + 1, n->len, b->sfn + 8, 3, b, &spaces);
	if (b->sfn[0] == FAT_DELETED)
		b->sfn[0] = 0x05;               /* the specification's stand-in */
	b->fits = !b->lossy && !spaces && start == 0 && dots <= 1;
	b->exact = b->fits;
	for (uint32_t k = 0; k < n->len && b->exact; k++)
		b->exact = n->uni[k] == n->fold[k];
}

/* The decimal digits of x (1..6 digits). */
static uint32_t digits(uint32_t x)
{
	uint32_t d = 1;

	while (x >= 10) {
		x /= 10;
		d++;
	}
	return d;
}

/* The 8-character part the basis keeps before "~tail". */
static uint32_t kept(const struct fat_basis *b, uint32_t tail)
{
	uint32_t room = 7 - digits(tail);

	return b->base_len < room ? b->base_len : room;
}

/* Whether sfn is the basis with a numeric tail, "PREFIX~N" and the same
 * extension; *tail is N. */
bool fat_name_tail(const struct fat_basis *b, const uint8_t sfn[11], uint32_t *tail)
{
	uint32_t end = 8, tilde, n = 0;

	if (sfn[0] != b->sfn[0] || memcmp(sfn + 8, b->sfn + 8, 3))
		return false;                   /* the common case, decided fast */
	while (end > 0 && sfn[end - 1] == ' ')
		end--;
	for (tilde = end; tilde > 0 && sfn[tilde - 1] >= '0' && sfn[tilde - 1] <= '9'; tilde--)
		;
	if (tilde == 0 || tilde == end || end - tilde > 6 || sfn[tilde] == '0' ||
	    sfn[--tilde] != '~')
		return false;
	for (uint32_t k = tilde + 1; k < end; k++)
		n = n * 10 + (sfn[k] - '0');
	if (tilde != kept(b, n))
		return false;
	if (memcmp(sfn, b->sfn, tilde))
		return false;
	*tail = n;
	return true;
}

/* The basis with numeric tail tail (1..999999): "PREFIX~N", its extension. */
void fat_name_with_tail(const struct fat_basis *b, uint32_t tail, uint8_t sfn[11])
{
	uint32_t keep = kept(b, tail), d = digits(tail);

	for (uint32_t k = 0; k < 11; k++)
		sfn[k] = k < keep || k >= 8 ? b->sfn[k] : ' ';
	sfn[keep] = '~';
	for (uint32_t k = keep + d; k > keep; k--, tail /= 10)
		sfn[k] = '0' + tail % 10;
}

/* The checksum long-name entries carry of their short name. */
uint8_t fat_name_checksum(const uint8_t sfn[11])
{
	uint8_t sum = 0;

	for (uint32_t i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + sfn[i]);
	return sum;
}

/* The Unicode character of short-name byte c, lowered when lower is set (the
 * NT case bits apply to ASCII letters). */
static uint16_t short_uni(uint8_t c, bool lower)
{
	if (lower && c >= 'A' && c <= 'Z')
		return c + 0x20;
	return cp437_to_unicode(c);
}

/* The entry's short name as "NAME.EXT" in Unicode, honoring Windows NT's case
 * bits; returns its length (at most 12). */
uint32_t fat_name_short(const struct fat_dirent *de, uint16_t *uni)
{
	uint32_t n = 0, base = 8, ext = 11;

	while (base > 0 && de->name[base - 1] == ' ')
		base--;
	while (ext > 8 && de->name[ext - 1] == ' ')
		ext--;
	for (uint32_t k = 0; k < base; k++) {
		uint8_t c = k == 0 && de->name[0] == 0x05 ? FAT_DELETED : de->name[k];
		uni[n++] = short_uni(c, de->ntres & FAT_NTRES_LOWER_BASE);
	}
	if (ext > 8)
		uni[n++] = '.';
	for (uint32_t k = 8; k < ext; k++)
		uni[n++] = short_uni(de->name[k], de->ntres & FAT_NTRES_LOWER_EXT);
	return n;
}

/* Converts uni[0..len) to a NUL-terminated CP437 string; '?' stands for what
 * CP437 lacks (as the A calls show it). */
void fat_name_to_oem(const uint16_t *uni, uint32_t len, char *out)
{
	for (uint32_t i = 0; i < len; i++) {
		uint8_t c = cp437_from_unicode(uni[i]);
		out[i] = (char)(c && uni[i] ? c : '?');
	}
	out[len] = '\0';
}
