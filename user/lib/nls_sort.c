/* The linguistic sort (see nls_sort.h): each character's weights, the sort
 * key made of them, and comparison by keys. Windows' order for en-US:
 * symbols (whitespace and ASCII punctuation in Windows' order, then the
 * Latin-1 signs), digits, letters (case and accents set aside, Latin-1
 * and Latin Extended-A letters as their base letter, æ/œ/ß/ĳ as two
 * letters, þ after z), other
 * characters by code point. Then the accents, then case (lower first),
 * then where the word sort's ignored '-' and '\'' and the controls stood.
 * NUL and the soft hyphen weigh nothing. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "user/lib/nls_sort.h"

enum { G_SYMBOL = 0x07, G_DIGIT = 0x0D, G_LETTER = 0x0E, G_OTHER = 0xF0 };
enum { NO_ACCENT = 2, LOWER = 2, UPPER = 0x12, SEP = 0x01 };
enum { SPECIAL_APOSTROPHE = 2, SPECIAL_HYPHEN = 3, SPECIAL_CONTROL = 4 };

/* ASCII punctuation in Windows' order ('\'' and '-' lead: the string sort's
 * place for them). */
static const char symbol_order[] = "'-\t\n\v\f\r !\"#$%&()*,./:;?@[\\]^_`{|}~+<=>";

/* 0xC0..0xFF: base letter ('*': handled apart) and accent code. */
static const char latin1_base[] = "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**"
				  "aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
static const char latin1_accent[] = "21354607213421348521354082134100"
				    "21354607213421348521354082134104";
/* 0x100..0x17F (Latin Extended-A): base letter ('*': two letters). */
static const char ext_a_base[] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkk"
				 "LlLlLlLlLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUu"
				 "WwYyYZzZzZzs";
/* Accent code -> combining mark (0: none); code 8 is a stroke. */
static const uint16_t accent_mark[] = { 0, 0x301, 0x300, 0x302, 0x308, 0x303, 0x30A, 0x327 };

struct weight {
	uint8_t group, count;           /* count: weights (0: none) */
	uint16_t primary[2];
	uint8_t accent, upper, special; /* special: '-', '\'' (word sort), a control */
};

uint16_t nls_latin1_base(uint16_t c, uint16_t *mark)
{
	int code;

	if (c < 0xC0 || c > 0xFF || latin1_base[c - 0xC0] == '*')
		return 0;
	code = latin1_accent[c - 0xC0] - '0';
	if (code <= 0 || code >= (int)(sizeof(accent_mark) / sizeof(accent_mark[0])))
		return 0;
	*mark = accent_mark[code];
	return (uint16_t)latin1_base[c - 0xC0];
}

/* The accent code a combining mark adds to the character before it. */
static int mark_accent(uint16_t c)
{
	for (size_t i = 1; i < sizeof(accent_mark) / sizeof(accent_mark[0]); i++)
		if (accent_mark[i] == c)
			return (int)i;
	return 10 + (c & 0x3F);
}

static uint16_t letter(char c)
{
	return (uint16_t)(0x10 + 8 * ((c | 0x20) - 'a'));
}

static void set_letters(struct weight *w, const char *base, int upper)
{
	w->group = G_LETTER;
	w->count = (uint8_t)strlen(base);
	for (int i = 0; i < w->count; i++)
		w->primary[i] = letter(base[i]);
	w->upper = (uint8_t)upper;
}

static int latin1_weight(uint16_t c, struct weight *w)
{
	int upper = c < 0xDF;

	switch (c) {
	case 0xC6: case 0xE6: set_letters(w, "ae", upper); return 1;
	case 0xDF: set_letters(w, "ss", 0); return 1;
	case 0xDE: case 0xFE:
		set_letters(w, "z", upper);
		w->primary[0] += 2;     /* þ: after z */
		return 1;
	case 0xD7: case 0xF7: return 0;
	}
	set_letters(w, (char[]){ latin1_base[c - 0xC0], 0 }, upper);
	w->accent = (uint8_t)(latin1_accent[c - 0xC0] - '0');
	return 1;
}

/* The weights of c; 0 when it weighs nothing at all. */
static int weigh(uint16_t c, unsigned flags, struct weight *w)
{
	const char *sym;

	memset(w, 0, sizeof(*w));
	if (!c || c == 0xAD)
		return 0;
	if ((c < 0x20 && !(c >= '\t' && c <= '\r')) || (c >= 0x7F && c < 0xA0)) {
		w->special = (uint8_t)(SPECIAL_CONTROL + (c < 0x20 ? c : c - 0x5F));
		return 1;               /* a control: told apart only at the end */
	}
	if ((c == '\'' || c == '-') && !(flags & NLS_STRINGSORT)) {
		w->special = c == '\'' ? SPECIAL_APOSTROPHE : SPECIAL_HYPHEN;
		return 1;
	}
	if (c < 0x80 && (sym = strchr(symbol_order, (char)c)) != NULL) {
		w->group = G_SYMBOL, w->count = 1;
		w->primary[0] = (uint16_t)(2 + (sym - symbol_order));
		return 1;
	}
	if ((c >= '0' && c <= '9') || c == 0xB2 || c == 0xB3 || c == 0xB9) {
		w->group = G_DIGIT, w->count = 1;
		w->primary[0] = c < 0x80 ? (uint16_t)(0x10 + c - '0')
			      : (uint16_t)(0x10 + (c == 0xB9 ? 1 : c - 0xB0));
		w->accent = c < 0x80 ? 0 : 9;
		return 1;
	}
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
		set_letters(w, (char[]){ (char)c, 0 }, c < 'a');
		return 1;
	}
	if (c == 0xAA || c == 0xBA) {
		set_letters(w, c == 0xAA ? "a" : "o", 0);
		w->accent = 9;
		return 1;
	}
	if (c == 0x132 || c == 0x133 || c == 0x152 || c == 0x153) {
		set_letters(w, c >= 0x152 ? "oe" : "ij", !(c & 1));
		return 1;
	}
	if (c >= 0x100 && c < 0x180) {  /* a letter with its mark: one accent each */
		char base = ext_a_base[c - 0x100];

		set_letters(w, (char[]){ base, 0 }, base < 'a');
		w->accent = (uint8_t)(0x20 + ((c - 0x100) >> 1));
		return 1;
	}
	if (c >= 0xC0 && c <= 0xFF && latin1_weight(c, w))
		return 1;
	if (c >= 0xA0 && c <= 0xFF && c != 0xB5) {
		w->group = G_SYMBOL, w->count = 1;
		w->primary[0] = (uint16_t)(0x80 + (c >= 0xC0 ? 0x20 + (c == 0xF7) : c - 0xA0));
		return 1;
	}
	w->group = G_OTHER, w->count = 1;
	w->primary[0] = (uint16_t)towlower(c);
	w->upper = towlower(c) != c;
	return 1;
}

/* The key being built, in a buffer of key_bound's size. */
struct key {
	unsigned char *out;
	size_t len;
};

/* The most bytes the key of n units can take: 3 bytes a weight and two
 * weights a unit, an accent and a case byte a weight, 3 bytes a special,
 * the separators and the end. */
static size_t key_bound(size_t n)
{
	return 16 * n + 8;
}

static void put(struct key *k, unsigned byte)
{
	k->out[k->len++] = (unsigned char)byte;
}

static void put_primary(struct key *k, uint8_t group, uint16_t p)
{
	if (group == G_OTHER) {         /* a code point: no zero byte in the key */
		put(k, G_OTHER + (p >> 14));
		put(k, 2 + ((p >> 7) & 0x7F));
		put(k, 2 + (p & 0x7F));
	} else {
		put(k, group);
		put(k, p);
	}
}

/* The units of the run of digits s begins with. */
static size_t digit_run(const uint16_t *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* The run of digits s[0..n) as one number: its significant digits' count,
 * then them (all zeros: the number 0). */
static void put_number(struct key *k, const uint16_t *s, size_t n)
{
	size_t i = 0;

	while (i + 1 < n && s[i] == '0')
		i++;
	put(k, G_DIGIT);
	put(k, 2 + (n - i > 200 ? 200 : n - i));
	for (; i < n; i++)
		put(k, 0x10 + s[i] - '0');
}

/* The weights unit s[i] adds to the level's section: the primary weights
 * (level 0), the accent or case bytes (levels 1, 2) or the specials'
 * places (level 3); a combining mark adds its accent to the byte before
 * it (start: where the section began). *position counts the weights so
 * far. Returns the units taken (a number's digits are one weight). */
static size_t put_unit(struct key *k, const uint16_t *s, size_t n, size_t i, unsigned flags,
		       int level, size_t start, size_t *position)
{
	struct weight w;

	if ((flags & NLS_DIGITSASNUMBERS) && s[i] >= '0' && s[i] <= '9') {
		size_t used = digit_run(s + i, n - i);

		if (level == 0)
			put_number(k, s + i, used);
		else if (level != 3)    /* one weight: a plain accent or case byte */
			put(k, 2);
		++*position;
		return used;
	}
	if (s[i] >= 0x300 && s[i] < 0x370) {
		if (level == 1 && k->len > start) {
			unsigned v = k->out[k->len - 1] + mark_accent(s[i]);

			k->out[k->len - 1] = (unsigned char)(v > 0xFF ? 0xFF : v);
		}
		return 1;
	}
	if (!weigh(s[i], flags, &w) ||
	    ((flags & NLS_IGNORESYMBOLS) && (w.group == G_SYMBOL || w.special)))
		return 1;
	if (w.special) {
		if (level == 3) {
			put(k, 2 + ((*position >> 7) & 0x7F));
			put(k, 2 + (*position & 0x7F));
			put(k, w.special);
		}
		return 1;
	}
	for (int j = 0; j < w.count; j++, ++*position) {
		if (level == 0)
			put_primary(k, w.group, w.primary[j]);
		else if (level == 1)
			put(k, NO_ACCENT + w.accent);
		else if (level == 2)
			put(k, w.upper ? UPPER : LOWER);
	}
	return 1;
}

/* One level's section for s[0..n). */
static void put_level(struct key *k, const uint16_t *s, size_t n, unsigned flags, int level)
{
	size_t start = k->len, position = 0;

	for (size_t i = 0; i < n;)
		i += put_unit(k, s, n, i, flags, level, start, &position);
}

/* Drops the default bytes (2) at the end of the section begun at start. */
static void trim(struct key *k, size_t start)
{
	while (k->len > start && k->out[k->len - 1] == 2)
		k->len--;
}

/* The whole key of s[0..n) into out (key_bound(n) bytes); its length. */
static size_t build(const uint16_t *s, size_t n, unsigned flags, unsigned char *out)
{
	struct key k = { out, 0 };
	size_t start;

	put_level(&k, s, n, flags, 0);
	put(&k, SEP);
	start = k.len;
	if (!(flags & (NLS_IGNORENONSPACE | NLS_LING_IGNOREDIAC)))
		put_level(&k, s, n, flags, 1);
	trim(&k, start);
	put(&k, SEP);
	start = k.len;
	if (!(flags & (NLS_IGNORECASE | NLS_LING_IGNORECASE)))
		put_level(&k, s, n, flags, 2);
	trim(&k, start);
	put(&k, SEP);
	put(&k, SEP);
	put_level(&k, s, n, flags, 3);
	put(&k, 0);
	return k.len;
}

/* A buffer for a key of n units: small ones on the caller's stack. */
static unsigned char *key_buffer(size_t n, unsigned char *small, size_t small_size)
{
	if (n > (SIZE_MAX - 8) / 16)
		return NULL;
	return key_bound(n) <= small_size ? small : malloc(key_bound(n));
}

static void key_release(unsigned char *buf, unsigned char *small)
{
	if (buf != small)
		free(buf);
}

size_t nls_sort_key(const uint16_t *s, size_t n, unsigned flags, unsigned char *key,
		    size_t room)
{
	unsigned char small[512], *buf = key_buffer(n, small, sizeof(small));
	size_t len;

	if (!buf)
		return 0;
	len = build(s, n, flags, buf);
	if (key && len <= room) {
		memcpy(key, buf, len);
	} else if (key) {               /* whole sections only, as Windows writes */
		size_t fit = room;

		while (fit && buf[fit - 1] != SEP)
			fit--;
		memcpy(key, buf, fit);
	}
	key_release(buf, small);
	return len;
}

/* The primary weights of a string, a byte at a time (for comparing
 * without reading past the first difference). */
struct cursor {
	const uint16_t *s;
	size_t n, i, position, len, at;
	unsigned flags;
	unsigned char bytes[8];
};

/* The next primary byte; SEP past the end. */
static unsigned next_primary(struct cursor *c)
{
	while (c->at == c->len) {
		struct key k = { c->bytes, 0 };

		if (c->i >= c->n)
			return SEP;
		c->i += put_unit(&k, c->s, c->n, c->i, c->flags, 0, 0, &c->position);
		c->len = k.len, c->at = 0;
	}
	return c->bytes[c->at++];
}

/* The primary levels' order, reading each string only as far as the first
 * difference (as Windows does: a string may end in unreadable memory). */
static int primary_order(const uint16_t *a, size_t na, const uint16_t *b, size_t nb,
			 unsigned flags)
{
	struct cursor x = { .s = a, .n = na, .flags = flags };
	struct cursor y = { .s = b, .n = nb, .flags = flags };

	for (;;) {
		unsigned p = next_primary(&x), q = next_primary(&y);

		if (p != q)
			return p < q ? -1 : 1;
		if (p == SEP)
			return 0;
	}
}

int nls_sort_compare(const uint16_t *a, size_t na, const uint16_t *b, size_t nb,
		     unsigned flags)
{
	unsigned char small_a[512], small_b[512], *ka, *kb;
	int r = -2;

	if (!(flags & NLS_DIGITSASNUMBERS) && (r = primary_order(a, na, b, nb, flags)) != 0)
		return r;
	ka = key_buffer(na, small_a, sizeof(small_a));
	kb = key_buffer(nb, small_b, sizeof(small_b));
	r = -2;
	if (ka && kb) {
		size_t la = build(a, na, flags, ka), lb = build(b, nb, flags, kb);
		int c = memcmp(ka, kb, la < lb ? la : lb);

		r = c ? (c < 0 ? -1 : 1) : la < lb ? -1 : la > lb;
	}
	if (ka)
		key_release(ka, small_a);
	if (kb)
		key_release(kb, small_b);
	return r;
}
