/* Host tests of kernel/rtl/wildcard.c: FindFirstFile's `*` and `?`, the
 * "*.*" and "name.*" cases, ASCII case folding, and a check against a
 * recursive reference matcher on random patterns and names. */
#include <stdlib.h>
#include "kernel/rtl/wildcard.h"

#include "tests/host/check.h"

TEST(windows_cases)
{
	CHECK(rtl_wildcard_match("*", ""));
	CHECK(rtl_wildcard_match("*", "anything.txt"));
	CHECK(rtl_wildcard_match("*.*", "noext"));
	CHECK(rtl_wildcard_match("*.*", "a.b.c"));
	CHECK(rtl_wildcard_match("readme.*", "README"));
	CHECK(rtl_wildcard_match("readme.*", "readme.txt"));
	CHECK(!rtl_wildcard_match("readme.*", "readme2"));
	CHECK(rtl_wildcard_match("*.TXT", "notes.txt"));
	CHECK(!rtl_wildcard_match("*.txt", "notes.txt.bak"));
	CHECK(rtl_wildcard_match("?.c", "a.c"));
	CHECK(!rtl_wildcard_match("?.c", "ab.c"));
	CHECK(!rtl_wildcard_match("?", ""));
	CHECK(rtl_wildcard_match("a*b*c", "aXXbYYbZc"));
	CHECK(!rtl_wildcard_match("a*b*c", "aXXbYYbZ"));
	CHECK(rtl_wildcard_match("**?", "x"));
	CHECK(!rtl_wildcard_match("", "x"));
	CHECK(rtl_wildcard_match("", ""));
}

/* The reference: plain recursion over the same rules. */
static bool reference(const char *p, const char *n)
{
	char a, b;

	if (*p == '*')
		return reference(p + 1, n) || (*n && reference(p, n + 1));
	if (!*n) {
		if (*p == '.') {
			const char *q = p + 1;
			while (*q == '*')
				q++;
			if (!*q)
				return true;
		}
		return !*p;
	}
	a = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	b = (char)(*n >= 'a' && *n <= 'z' ? *n - 32 : *n);
	return *p && (*p == '?' || a == b) && reference(p + 1, n + 1);
}

TEST(agrees_with_a_reference)
{
	char p[9], n[11];
	int disagree = 0;

	srand(3);
	for (int round = 0; round < 200000; round++) {
		int pl = rand() % 8, nl = rand() % 10;
		for (int i = 0; i < pl; i++)
			p[i] = "ab.*?A"[rand() % 6];
		for (int i = 0; i < nl; i++)
			n[i] = "abAB."[rand() % 5];
		p[pl] = n[nl] = '\0';
		if (rtl_wildcard_match(p, n) != reference(p, n) && !disagree++) {
			snprintf(check_failure_buf, sizeof(check_failure_buf), "\"%s\" vs \"%s\"", p, n);
			check_failure = check_failure_buf;
		}
	}
}

int main(void)
{
	RUN("wildcard", windows_cases);
	RUN("wildcard", agrees_with_a_reference);
	return check_summary();
}
