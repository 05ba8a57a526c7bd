/* The linguistic sort (user/lib/nls_sort.c): Windows' en-US order of
 * symbols, digits and letters, accents before case, the word sort's
 * hyphens and apostrophes, the flags, and sort keys that hold no zero byte
 * before their end and order as the comparison does. */
#include <stdint.h>
#include <string.h>
#include "tests/host/check.h"
#include "user/lib/nls_sort.h"

static size_t len16(const uint16_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int cmp(const uint16_t *a, const uint16_t *b, unsigned flags)
{
	return nls_sort_compare(a, len16(a), b, len16(b), flags);
}

/* The keys' order must be the comparison's, and the key one C string. */
static int keys_agree(const uint16_t *a, const uint16_t *b, unsigned flags)
{
	unsigned char ka[256], kb[256];
	size_t la = nls_sort_key(a, len16(a), flags, ka, sizeof(ka));
	size_t lb = nls_sort_key(b, len16(b), flags, kb, sizeof(kb));
	int k = strcmp((char *)ka, (char *)kb);

	return la == strlen((char *)ka) + 1 && lb == strlen((char *)kb) + 1 &&
	       (k < 0 ? -1 : k > 0) == cmp(a, b, flags);
}

TEST(symbols_then_digits_then_letters)
{
	CHECK(cmp(u"!", u"0", 0) == -1);
	CHECK(cmp(u"9", u"A", 0) == -1);
	CHECK(cmp(u" ", u"!", 0) == -1);
	CHECK(cmp(u"~", u"+", 0) == -1);        /* Windows puts + < = > after ~ */
	CHECK(cmp(u"z", u"\u00fe", 0) == -1);   /* thorn after z */
	CHECK(keys_agree(u"!", u"0", 0) && keys_agree(u"9", u"A", 0));
}

TEST(case_comes_after_letters_and_accents)
{
	CHECK(cmp(u"a", u"A", 0) == -1);
	CHECK(cmp(u"A", u"b", 0) == -1);
	CHECK(cmp(u"aB", u"Ab", 0) == -1);
	CHECK(cmp(u"ABC", u"abc", NLS_IGNORECASE) == 0);
	CHECK(cmp(u"\u00e9", u"E", 0) == 1);    /* the accent counts before case */
	CHECK(keys_agree(u"aB", u"Ab", 0) && keys_agree(u"ABC", u"abc", NLS_IGNORECASE));
}

TEST(accents_and_combining_marks)
{
	CHECK(cmp(u"resume", u"r\u00e9sum\u00e9", 0) == -1);
	CHECK(cmp(u"r\u00e9sum\u00e9", u"resume", NLS_IGNORENONSPACE) == 0);
	CHECK(cmp(u"e\u0301", u"\u00e9", 0) == 0);
	CHECK(cmp(u"\u00e9", u"\u00e8", 0) == -1);      /* acute before grave */
	CHECK(cmp(u"stra\u00dfe", u"strasse", 0) == 0);
	CHECK(cmp(u"\u00e6", u"ae", 0) == 0);
	CHECK(keys_agree(u"resume", u"r\u00e9sum\u00e9", 0));
}

TEST(latin_extended_a_letters_sort_with_their_base)
{
	CHECK(cmp(u"\u010capek", u"Dvo\u0159\u00e1k", 0) == -1);     /* Č with C, before D */
	CHECK(cmp(u"\u010c", u"C", 0) == 1 && cmp(u"\u010d", u"\u010c", 0) == -1);
	CHECK(cmp(u"\u0141\u00f3d\u017a", u"Lodz", 0) == 1);
	CHECK(cmp(u"\u0141\u00f3d\u017a", u"lodz", NLS_IGNORENONSPACE | NLS_IGNORECASE) == 0);
	CHECK(cmp(u"\u0133", u"ij", 0) == 0);
	CHECK(keys_agree(u"\u010capek", u"Dvo\u0159\u00e1k", 0));
}

TEST(word_sort_sets_hyphens_and_apostrophes_aside)
{
	CHECK(cmp(u"co-op", u"coop", 0) == 1);
	CHECK(cmp(u"co-op", u"cop", 0) == -1);
	CHECK(cmp(u"can't", u"cant", 0) == 1);
	CHECK(cmp(u"co-op", u"coop", NLS_STRINGSORT) == -1);
	CHECK(cmp(u"co-op", u"coop", NLS_IGNORESYMBOLS) == 0);
	CHECK(keys_agree(u"co-op", u"coop", 0) && keys_agree(u"co-op", u"coop", NLS_STRINGSORT));
}

TEST(digits_as_numbers_and_controls)
{
	CHECK(cmp(u"a10", u"a9", 0) == -1);
	CHECK(cmp(u"a10", u"a9", NLS_DIGITSASNUMBERS) == 1);
	CHECK(cmp(u"a010", u"a10", NLS_DIGITSASNUMBERS) == 0);
	CHECK(nls_sort_compare(u"a\0b", 3, u"ab", 2, 0) == 0);  /* NUL weighs nothing */
	CHECK(cmp(u"\x02", u"\x01", 0) == 1);        /* other controls: at the end */
	CHECK(cmp(u"a\x01" u"b", u"ab", 0) == 1);
	CHECK(cmp(u"ab", u"abc", 0) == -1 && cmp(u"", u"a", 0) == -1);
	CHECK(keys_agree(u"a10", u"a9", NLS_DIGITSASNUMBERS));
}

TEST(key_size_and_truncation)
{
	unsigned char key[4];
	size_t full = nls_sort_key(u"abc", 3, 0, NULL, 0);

	CHECK(full == nls_sort_key(u"abc", 3, 0, key, sizeof(key)));
	CHECK(full > sizeof(key));
}

TEST(short_buffer_gets_whole_sections)
{
	unsigned char key[64], whole[64];
	size_t full = nls_sort_key(u"Abc", 3, 0, whole, sizeof(whole));

	memset(key, 0xcc, sizeof(key));
	CHECK(nls_sort_key(u"Abc", 3, 0, key, full - 1) == full);
	CHECK(key[full - 2] == 0x01 && key[full - 1] == 0xcc);     /* up to the last separator */
	CHECK(memcmp(key, whole, full - 1) == 0);
}

TEST(latin1_decomposition)
{
	uint16_t mark = 0;

	CHECK(nls_latin1_base(0xE9, &mark) == 'e' && mark == 0x301);
	CHECK(nls_latin1_base(0xC7, &mark) == 'C' && mark == 0x327);
	CHECK(nls_latin1_base(0xD8, &mark) == 0 && nls_latin1_base(0x41, &mark) == 0);
}

int main(void)
{
	RUN("nls", symbols_then_digits_then_letters);
	RUN("nls", case_comes_after_letters_and_accents);
	RUN("nls", accents_and_combining_marks);
	RUN("nls", latin_extended_a_letters_sort_with_their_base);
	RUN("nls", word_sort_sets_hyphens_and_apostrophes_aside);
	RUN("nls", digits_as_numbers_and_controls);
	RUN("nls", key_size_and_truncation);
	RUN("nls", short_buffer_gets_whole_sections);
	RUN("nls", latin1_decomposition);
	return check_summary();
}
