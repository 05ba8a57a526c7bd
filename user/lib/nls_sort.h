/* The linguistic sort behind CompareString, LCMapString(LCMAP_SORTKEY) and
 * lstrcmp (user/lib/nls_sort.c): pure logic over UTF-16 units, so the host
 * unit test (tests/host/test_nls.c) links it too. */
#ifndef USER_LIB_NLS_SORT_H
#define USER_LIB_NLS_SORT_H

#include <stddef.h>
#include <stdint.h>

/* The compare flags the sort knows (winnls.h's values). */
#define NLS_IGNORECASE      0x00000001u
#define NLS_IGNORENONSPACE  0x00000002u
#define NLS_IGNORESYMBOLS   0x00000004u
#define NLS_DIGITSASNUMBERS 0x00000008u
#define NLS_LING_IGNORECASE 0x00000010u
#define NLS_LING_IGNOREDIAC 0x00000020u
#define NLS_STRINGSORT      0x00001000u

/* The sort key of s[0..n): primary weights, 0x01, accents, 0x01, case,
 * 0x01, 0x01, the word sort's hyphens and apostrophes, 0x00 (no other zero
 * byte). memcmp of two keys orders their strings. Writes it to key when
 * room holds it, else its whole sections that fit (key may be NULL with
 * room 0); returns its length, 0 when its memory cannot be had. */
size_t nls_sort_key(const uint16_t *s, size_t n, unsigned flags, unsigned char *key,
		    size_t room);
/* -1, 0 or 1: a before, equal to or after b in the sort (their keys'
 * order), reading no further than the first primary difference; -2 when
 * the keys' memory cannot be had. */
int nls_sort_compare(const uint16_t *a, size_t na, const uint16_t *b, size_t nb,
		     unsigned flags);

/* The Latin-1 letter c (0xC0..0xFF) as its base letter and combining mark
 * (U+0300...), or 0 when it has no such decomposition. */
uint16_t nls_latin1_base(uint16_t c, uint16_t *mark);

#endif
