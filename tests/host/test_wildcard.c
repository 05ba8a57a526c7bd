/* Host tests of kernel/rtl/wildcard.c: FindFirstFile's `*` and `?` with
 * Windows' DOS wildcard rules ("*.*", "*.", "name.*", `?` before a dot),
 * ASCII case folding, and a check against a recursive reference matcher on
 * random patterns and names. */
#include <stdlib.h>
#include <string.h>
#include "kernel/rtl/wildcard.h"

#include "tests/host/check.h"

TEST(windows_cases)
{
	CHECK(rtl_wildcard_match("*", ""));
	CHECK(rtl_wildcard_match("*", "anything.txt"));
	CHECK(rtl_wildcard_match("*.*", "noext"));
	CHECK(rtl_wildcard_match("*.*", "a.b.c"));
	CHECK(rtl_wildcard_match("*.*", "."));
	CHECK(rtl_wildcard_match("*.*", ".."));
	CHECK(rtl_wildcard_match("readme.*", "README"));
	CHECK(rtl_wildcard_match("readme.*", "readme.txt"));
	CHECK(!rtl_wildcard_match("readme.*", "readme2"));
	CHECK(rtl_wildcard_match("*.TXT", "notes.txt"));
	CHECK(rtl_wildcard_match("*.txt", "a.b.txt"));
	CHECK(!rtl_wildcard_match("*.txt", "notes.txt.bak"));
	CHECK(!rtl_wildcard_match("*.htm", "x.html"));
	CHECK(rtl_wildcard_match("*.htm", "X~1.HTM"));
	CHECK(rtl_wildcard_match("?.c", "a.c"));
	CHECK(!rtl_wildcard_match("?.c", "ab.c"));
	CHECK(rtl_wildcard_match("a*b*c", "aXXbYYbZc"));
	CHECK(!rtl_wildcard_match("a*b*c", "aXXbYYbZ"));
	CHECK(rtl_wildcard_match("**?", "x"));
	CHECK(!rtl_wildcard_match("", "x"));
	CHECK(rtl_wildcard_match("", ""));
}

/* "*." is the names without an extension; `?` is one character or none
 * before a dot or at the end. */
TEST(dos_dot_and_question_mark)
{
	CHECK(rtl_wildcard_match("*.", "noext"));
	CHECK(!rtl_wildcard_match("*.", "a.txt"));
	CHECK(!rtl_wildcard_match("*.", "a.b.c"));
	CHECK(rtl_wildcard_match("*.", "."));
	CHECK(rtl_wildcard_match("*.", ".."));
	CHECK(rtl_wildcard_match("a?", "a"));
	CHECK(rtl_wildcard_match("a?", "ab"));
	CHECK(!rtl_wildcard_match("a?", "abc"));
	CHECK(rtl_wildcard_match("???", "ab"));
	CHECK(rtl_wildcard_match("???", "abc"));
	CHECK(!rtl_wildcard_match("???", "abcd"));
	CHECK(!rtl_wildcard_match("???", "a.b"));
	CHECK(rtl_wildcard_match("a?.txt", "a.txt"));
	CHECK(rtl_wildcard_match("a?.txt", "ab.txt"));
	CHECK(!rtl_wildcard_match("a?.txt", "abc.txt"));
	CHECK(rtl_wildcard_match("?.c", ".c"));
	CHECK(rtl_wildcard_match("*.?", "a"));
	CHECK(rtl_wildcard_match("*.?", "a.b"));
	CHECK(!rtl_wildcard_match("*.?", "a.bc"));
	CHECK(rtl_wildcard_match("x.?*", "x"));
	CHECK(rtl_wildcard_match("file?.*", "file"));
	CHECK(rtl_wildcard_match("file?.*", "file1.txt"));
	CHECK(!rtl_wildcard_match("file?.*", "file12.txt"));
}

/* The reference: the pattern translated as kernel32 does ('<' DOS_STAR,
 * '>' DOS_QM, '"' DOS_DOT; the tests' names hold none of them), then plain
 * recursion over FsRtlIsNameInExpression's rules. */
static void translate(const char *p, char *k)
{
	size_t i;

	for (i = 0; p[i]; i++) {
		k[i] = p[i];
		if (p[i] == '?')
			k[i] = '>';
		else if (p[i] == '*' && p[i + 1] == '.')
			k[i] = '<';
		else if (p[i] == '.' && (p[i + 1] == '?' || p[i + 1] == '*' || !p[i + 1]))
			k[i] = '"';
	}
	k[i] = '\0';
}

static bool reference(const char *k, const char *n, const char *last_dot)
{
	char a = (char)(*k >= 'a' && *k <= 'z' ? *k - 32 : *k);
	char b = (char)(*n >= 'a' && *n <= 'z' ? *n - 32 : *n);

	switch (*k) {
	case '\0':
		return !*n;
	case '*':
		return reference(k + 1, n, last_dot) || (*n && reference(k, n + 1, last_dot));
	case '<':
		return reference(k + 1, n, last_dot) ||
		       (*n && (!last_dot || n < last_dot) && reference(k, n + 1, last_dot));
	case '>':
		if (!*n || *n == '.') {
			while (*k == '>')
				k++;
			return reference(k, n, last_dot);
		}
		return reference(k + 1, n + 1, last_dot);
	case '"':
		return !*n ? reference(k + 1, n, last_dot)
			   : *n == '.' && reference(k + 1, n + 1, last_dot);
	default:
		return *n && a == b && reference(k + 1, n + 1, last_dot);
	}
}

TEST(agrees_with_a_reference)
{
	char p[9], k[9], n[11];
	int disagree = 0;

	srand(3);
	for (int round = 0; round < 200000; round++) {
		int pl = rand() % 8, nl = rand() % 10;
		for (int i = 0; i < pl; i++)
			p[i] = "ab.*?A"[rand() % 6];
		for (int i = 0; i < nl; i++)
			n[i] = "abAB."[rand() % 5];
		p[pl] = n[nl] = '\0';
		translate(p, k);
		if (rtl_wildcard_match(p, n) != reference(k, n, strrchr(n, '.')) && !disagree++) {
			snprintf(check_failure_buf, sizeof(check_failure_buf), "\"%s\" vs \"%s\"", p, n);
			check_failure = check_failure_buf;
		}
	}
}

int main(void)
{
	RUN("wildcard", windows_cases);
	RUN("wildcard", dos_dot_and_question_mark);
	RUN("wildcard", agrees_with_a_reference);
	return check_summary();
}
