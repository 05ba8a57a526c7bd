/* File-name wildcard matching; see kernel/rtl/wildcard.h. */
#include <stddef.h>
#include "kernel/rtl/wildcard.h"

/* What one pattern character means once kernel32's translation is done. */
enum wild { W_CHAR, W_STAR, W_DOS_STAR, W_DOS_QM, W_DOS_DOT };

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* kernel32's translation of pattern character i: '?' is DOS_QM; a '*'
 * before a '.' is DOS_STAR; a '.' before a '?' or '*', or ending the
 * pattern, is DOS_DOT. ("*.*" becomes DOS_STAR DOS_DOT '*', which matches
 * every name, as Windows' "*.*" does.) */
static enum wild kind(const char *p, size_t i)
{
	if (p[i] == '?')
		return W_DOS_QM;
	if (p[i] == '*')
		return p[i + 1] == '.' ? W_DOS_STAR : W_STAR;
	if (p[i] == '.' && (p[i + 1] == '?' || p[i + 1] == '*' || p[i + 1] == '\0'))
		return W_DOS_DOT;
	return W_CHAR;
}

/* The set of pattern positions reached with the name at position at:
 * every move that takes no character, in pattern order (they only go
 * forward). */
static void closure(const char *p, size_t plen, bool *live, const char *name, size_t at)
{
	char c = name[at];

	for (size_t j = 0; j < plen; j++) {
		if (!live[j])
			continue;
		switch (kind(p, j)) {
		case W_STAR:
		case W_DOS_STAR:
			live[j + 1] = true;
			break;
		case W_DOS_QM:
			if (c == '.' || c == '\0') {
				size_t k = j;
				while (k < plen && kind(p, k) == W_DOS_QM)
					k++;
				live[k] = true;
			}
			break;
		case W_DOS_DOT:
			if (c == '\0')
				live[j + 1] = true;
			break;
		default:
			break;
		}
	}
}

/* Whether pattern position j, live, takes name character at (last_dot: the
 * name's last '.', or -1) and where it goes: *stay keeps j. */
static bool takes(const char *p, size_t j, const char *name, size_t at, long last_dot,
		  bool *stay)
{
	char c = name[at];

	*stay = false;
	switch (kind(p, j)) {
	case W_STAR:
		*stay = true;
		return true;
	case W_DOS_STAR:
		*stay = true;
		return last_dot < 0 || (long)at < last_dot;
	case W_DOS_QM:
		return c != '.';
	case W_DOS_DOT:
		return c == '.';
	default:
		return upper(p[j]) == upper(c);
	}
}

bool rtl_wildcard_match(const char *pattern, const char *name)
{
	bool a[RTL_WILDCARD_MAX + 2] = { false }, b[RTL_WILDCARD_MAX + 2];
	bool *live = a, *next = b, *swap, stay;
	size_t plen = 0, at;
	long last_dot = -1;

	while (pattern[plen] && plen <= RTL_WILDCARD_MAX)
		plen++;
	if (plen > RTL_WILDCARD_MAX)
		return false;
	for (at = 0; name[at]; at++)
		if (name[at] == '.')
			last_dot = (long)at;
	live[0] = true;
	for (at = 0;; at++) {
		bool any = false;

		closure(pattern, plen, live, name, at);
		if (name[at] == '\0')
			return live[plen];
		for (size_t j = 0; j <= plen; j++)
			next[j] = false;
		for (size_t j = 0; j < plen; j++) {
			if (live[j] && takes(pattern, j, name, at, last_dot, &stay)) {
				next[stay ? j : j + 1] = true;
				any = true;
			}
		}
		if (!any)
			return false;
		swap = live;
		live = next;
		next = swap;
	}
}
