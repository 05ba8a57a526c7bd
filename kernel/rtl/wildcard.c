/* File-name wildcard matching; see kernel/rtl/wildcard.h. */
#include <stddef.h>
#include "kernel/rtl/wildcard.h"

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* Whether p points at a '.' followed by nothing but '*'s. */
static bool dot_stars_to_end(const char *p)
{
	if (*p++ != '.')
		return false;
	while (*p == '*')
		p++;
	return *p == '\0';
}

/* Greedy matching with one backtrack point: the last '*' seen and the name
 * position it was tried at. A later mismatch retries that '*' one character
 * longer, which is enough because a '*' further on can absorb whatever an
 * earlier one would have. */
bool rtl_wildcard_match(const char *pattern, const char *name)
{
	const char *p = pattern, *n = name, *star = NULL, *star_name = NULL;

	for (;;) {
		if (*p == '*') {
			star = ++p;
			star_name = n;
			continue;
		}
		if (*n == '\0') {
			if (*p == '\0' || dot_stars_to_end(p))
				return true;
		} else if (*p == '?' || (*p != '\0' && upper(*p) == upper(*n))) {
			p++;
			n++;
			continue;
		}
		if (!star || *star_name == '\0')
			return false;
		p = star;
		n = ++star_name;
	}
}
