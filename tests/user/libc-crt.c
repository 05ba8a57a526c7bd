/* Microsoft's C runtime as documented: floating-point printf, %p, _snprintf
 * truncation, the _s forms and the invalid-parameter handler, sscanf,
 * string and conversion calls with errno, ctype, errno per thread,
 * setjmp/longjmp, signal/raise, _beginthread(ex), rand's sequence,
 * bsearch, _aligned_malloc. */
#define TEST_NAME "libc-crt"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <process.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "check.h"

/* Microsoft's length modifiers and %S/%C are not GCC's printf format. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
/* deep() ends in longjmp, which GCC counts as never returning. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"

#define SAME(got, want) CHECK(strcmp(got, want) == 0, "\"%s\", want \"%s\"", got, want)

static int handler_calls;

static void count_invalid(const wchar_t *e, const wchar_t *f, const wchar_t *file, unsigned l,
			  uintptr_t r)
{
	(void)e, (void)f, (void)file, (void)l, (void)r;
	handler_calls++;
}

static void formatting(void)
{
	char buf[64];

	sprintf(buf, "%f|%.2f|%e|%g|%g|%.3g", 3.14159, 2.675, 12345.678, 0.0001, 1e-5, 1234567.0);
	SAME(buf, "3.141590|2.67|1.234568e+04|0.0001|1e-05|1.23e+06");
	sprintf(buf, "%.0f %.0f %.0f|%8.3f|%-8.2f|%+.1e", 0.5, 1.5, 2.5, -3.14159, 2.0, 1e100);
	SAME(buf, "0 2 2|  -3.142|2.00    |+1.0e+100");
	sprintf(buf, "%f %f %f %E", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0, 1.0);
	SAME(buf, "inf -inf -nan(ind) 1.000000E+00");
	sprintf(buf, "%p|%I64d|%I64X|%Iu|%lld", (void *)0x12ff7c, -5000000000LL, 0xABCDEF012ULL,
		(size_t)12, 1LL << 40);
	SAME(buf, "0012FF7C|-5000000000|ABCDEF012|12|1099511627776");
	sprintf(buf, "%ls|%S|%C|%5.2s|", L"wide", L"too", (int)L'c', "abc");
	SAME(buf, "wide|too|c|   ab|");

	/* _snprintf: no NUL and -1 when cut; the length when it just fits. */
	memset(buf, 'X', sizeof(buf));
	CHECK(_snprintf(buf, 4, "%s", "abcdef") == -1 && memcmp(buf, "abcdX", 5) == 0,
	      "_snprintf cut: %.5s", buf);
	memset(buf, 'X', sizeof(buf));
	CHECK(_snprintf(buf, 3, "abc") == 3 && memcmp(buf, "abcX", 4) == 0, "exact fit");
	CHECK(_snprintf(buf, 10, "ab") == 2 && strcmp(buf, "ab") == 0, "short");
	CHECK(_scprintf("%d-%s", 123, "xy") == 6, "_scprintf");
	CHECK(snprintf(buf, 4, "%s", "abcdef") == 6 && strcmp(buf, "abc") == 0, "C's snprintf");

	/* sprintf_s: too small goes to the handler, -1, buf emptied. */
	handler_calls = 0;
	CHECK(sprintf_s(buf, 4, "%s", "abcdef") == -1 && buf[0] == '\0' && handler_calls == 1,
	      "sprintf_s too small: calls %d", handler_calls);
	CHECK(sprintf_s(buf, sizeof(buf), "%d", 42) == 2 && strcmp(buf, "42") == 0, "sprintf_s");
	CHECK(_snprintf_s(buf, 5, _TRUNCATE, "%s", "abcdef") == -1 && strcmp(buf, "abcd") == 0,
	      "_snprintf_s _TRUNCATE: %s", buf);
	CHECK(_snprintf_s(buf, 10, 3, "%s", "abcdef") == -1 && strcmp(buf, "abc") == 0,
	      "_snprintf_s count: %s", buf);
}

static void scanning(void)
{
	int a = 0, b = 0, n = 0;
	unsigned u = 0;
	long long ll = 0;
	double d = 0;
	float f = 0;
	char word[16] = "", set[16] = "", c = 0;

	CHECK(sscanf("  42 -17 0x1f", "%d %i %x", &a, &b, &u) == 3 && a == 42 && b == -17 &&
	      u == 31, "%d %d %u", a, b, u);
	CHECK(sscanf("3.25 1e3 word rest", "%lf %f %15s%n", &d, &f, word, &n) == 3 && d == 3.25 &&
	      f == 1000.0f && strcmp(word, "word") == 0 && n == 13, "%f %f %s %d", d, f, word, n);
	CHECK(sscanf("abc123;x", "%[a-z]%I64d%c", set, &ll, &c) == 3 && strcmp(set, "abc") == 0 &&
	      ll == 123 && c == ';', "%s %lld %c", set, ll, c);
	CHECK(sscanf("", "%d", &a) == EOF, "empty input is EOF");
	CHECK(sscanf("x", "%d", &a) == 0, "a mismatch assigns nothing");
	CHECK(sscanf("7 8", "%*d %d", &a) == 1 && a == 8, "suppressed");
	CHECK(sscanf_s("toolongword", "%s", word, 4u) == 0 && word[0] == '\0', "sscanf_s size");
	CHECK(sscanf_s("ok", "%s", word, (unsigned)sizeof(word)) == 1 && strcmp(word, "ok") == 0,
	      "sscanf_s");
}

static void strings(void)
{
	char buf[32], *ctx = NULL, *tok;
	char text[] = "a,b;;c";
	int count = 0;

	for (tok = strtok(text, ",;"); tok; tok = strtok(NULL, ",;"))
		count++;
	CHECK(count == 3, "strtok tokens %d", count);
	strcpy(buf, " x  y ");
	CHECK(strcmp(strtok_s(buf, " ", &ctx), "x") == 0 && strcmp(strtok_s(NULL, " ", &ctx), "y") == 0 &&
	      strtok_s(NULL, " ", &ctx) == NULL, "strtok_s");
	CHECK(_stricmp("Hello", "hELLO") == 0 && _strnicmp("abcX", "ABCy", 3) == 0 &&
	      _stricmp("a", "B") < 0 && _memicmp("AbC", "aBc", 3) == 0, "case-insensitive");
	CHECK(strspn("aabc", "ab") == 3 && strcspn("abc;d", ";") == 3 &&
	      strcmp(strpbrk("hello", "lo"), "llo") == 0 && strnlen("abc", 2) == 2, "spans");
	strcpy(buf, "Hello");
	CHECK(strcmp(_strupr(buf), "HELLO") == 0 && strcmp(_strlwr(buf), "hello") == 0 &&
	      strcmp(_strrev(buf), "olleh") == 0, "in place: %s", buf);
	strcpy(buf, "ab");
	CHECK(strcmp(strncat(buf, "cdef", 2), "abcd") == 0, "strncat");
	char *dup = _strdup("copy");
	CHECK(dup && strcmp(dup, "copy") == 0 && _msize(dup) == 5, "_strdup");
	free(dup);
	CHECK(strcmp(strerror(ENOENT), "No such file or directory") == 0 &&
	      strcmp(strerror(ERANGE), "Result too large") == 0, "strerror");

	/* The secure forms with a handler that returns. */
	handler_calls = 0;
	CHECK(strcpy_s(buf, 4, "abcdef") == ERANGE && buf[0] == '\0', "strcpy_s too small");
	CHECK(strcpy_s(buf, 4, NULL) == EINVAL && buf[0] == '\0', "strcpy_s NULL");
	CHECK(strcpy_s(buf, sizeof(buf), "ok") == 0 && strcat_s(buf, sizeof(buf), "!") == 0 &&
	      strcmp(buf, "ok!") == 0, "strcpy_s, strcat_s");
	CHECK(strcat_s(buf, 5, "long") == ERANGE && buf[0] == '\0', "strcat_s too small");
	CHECK(strncpy_s(buf, 4, "abcdef", _TRUNCATE) == STRUNCATE && strcmp(buf, "abc") == 0,
	      "strncpy_s _TRUNCATE");
	CHECK(strncpy_s(buf, 8, "abcdef", 2) == 0 && strcmp(buf, "ab") == 0, "strncpy_s count");
	CHECK(memcpy_s(buf, 2, "abc", 3) == ERANGE && buf[0] == 0 && buf[1] == 0, "memcpy_s");
	CHECK(handler_calls == 4, "the handler ran %d times", handler_calls);
}

static void conversions(void)
{
	char buf[40], *end;
	struct lconv *lc = localeconv();

	CHECK(strcmp(setlocale(LC_ALL, NULL), "C") == 0 && strcmp(setlocale(LC_ALL, ""), "C") == 0 &&
	      setlocale(LC_ALL, "French") == NULL && strcmp(lc->decimal_point, ".") == 0, "locale");
	sprintf(buf, "%a|%.1A", 1.0, -0.75);
	CHECK(strcmp(buf, "0x1.0000000000000p+0|-0X1.8P-1") == 0, "%%a: %s", buf);
	errno = 0;
	CHECK(strtol("99999999999", NULL, 10) == LONG_MAX && errno == ERANGE, "strtol ERANGE");
	errno = 0;
	CHECK(strtoll("-9223372036854775809", NULL, 10) == LLONG_MIN && errno == ERANGE, "strtoll");
	handler_calls = 0;
	CHECK(strtol("10", &end, 1) == 0 && errno == EINVAL && handler_calls == 1, "base 1");
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX, "strtoul negates");
	CHECK(_strtoui64("18446744073709551615", NULL, 10) == ULLONG_MAX && _atoi64("-77") == -77,
	      "_strtoui64, _atoi64");
	CHECK(strtod("  -12.5e2xyz", &end) == -1250.0 && strcmp(end, "xyz") == 0, "strtod");
	CHECK(strtod("0x1.8p1", NULL) == 3.0 && atof("0.1") == 0.1 && strtod("1e-5", NULL) == 1e-5,
	      "strtod forms");
	errno = 0;
	CHECK(strtod("1e999", NULL) == HUGE_VAL && errno == ERANGE, "strtod overflow");
	CHECK(strcmp(_itoa(-255, buf, 10), "-255") == 0 && strcmp(_itoa(-1, buf, 16), "ffffffff") == 0 &&
	      strcmp(_i64toa(-1, buf, 10), "-1") == 0 && strcmp(_ui64toa(255, buf, 2), "11111111") == 0,
	      "_itoa: %s", buf);
	CHECK(_itoa_s(12345, buf, 5, 10) == ERANGE && buf[0] == '\0', "_itoa_s too small");
	div_t q = div(-7, 2);
	CHECK(q.quot == -3 && q.rem == -1 && llabs(-5LL) == 5, "div");
	CHECK(isalpha('a') && !isalpha('1') && isdigit('7') && isspace('\t') && !isspace('x') &&
	      isxdigit('F') && ispunct('!') && toupper('q') == 'Q' && tolower('Q') == 'q' &&
	      tolower(EOF) == EOF && !isalpha(EOF) && !isprint('\n') && isprint(' '), "ctype");
	CHECK(_rotl(0x80000001u, 1) == 3u && _rotr(1u, 1) == 0x80000000u, "_rotl, _rotr");
}

static unsigned __stdcall thread_errno(void *arg)
{
	errno = (int)(uintptr_t)arg;
	Sleep(10);
	return errno == (int)(uintptr_t)arg ? 7 : 8;
}

static volatile LONG plain_ran;

static void __cdecl plain_thread(void *arg)
{
	InterlockedExchange(&plain_ran, (LONG)(uintptr_t)arg);
}

static void threads(void)
{
	unsigned id = 0;
	DWORD code = 0;
	HANDLE t;

	errno = EACCES;
	t = (HANDLE)_beginthreadex(NULL, 0, thread_errno, (void *)(uintptr_t)EEXIST, 0, &id);
	CHECK(t && id != 0, "_beginthreadex");
	WaitForSingleObject(t, INFINITE);
	CHECK(GetExitCodeThread(t, &code) && code == 7, "the thread's own errno: %lu", code);
	CloseHandle(t);
	CHECK(errno == EACCES, "mine is untouched: %d", errno);
	CHECK(_beginthread(plain_thread, 0, (void *)5) != (uintptr_t)-1, "_beginthread");
	for (int i = 0; i < 500 && !plain_ran; i++)
		Sleep(1);
	CHECK(plain_ran == 5, "the _beginthread thread ran");
	CHECK(_getpid() == (int)GetCurrentProcessId(), "_getpid");
}

static jmp_buf jump;
static int signalled;

static void deep(int n)
{
	if (n == 0)
		longjmp(jump, 0);
	deep(n - 1);
}

static void on_signal(int sig)
{
	signalled = sig;
}

static void control(void)
{
	volatile int passes = 0;
	int r = setjmp(jump);

	passes++;
	if (r == 0)
		deep(5);
	CHECK(r == 1 && passes == 2, "longjmp(0) returns 1: %d, passes %d", r, passes);
	CHECK(signal(SIGINT, on_signal) == SIG_DFL && raise(SIGINT) == 0 && signalled == SIGINT,
	      "raise");
	CHECK(signal(SIGINT, SIG_IGN) == SIG_DFL, "a handler runs once");
	CHECK(raise(SIGINT) == 0, "ignored");
	CHECK(signal(99, on_signal) == SIG_ERR && errno == EINVAL, "an unknown signal");
}

static int by_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void library(void)
{
	int sorted[] = { 1, 3, 5, 7, 9, 11 }, key = 7, missing = 4;
	void *p;

	srand(1);
	int r1 = rand(), r2 = rand(), r3 = rand();
	CHECK(r1 == 41 && r2 == 18467 && r3 == 6334, "Microsoft's rand: %d %d %d", r1, r2, r3);
	CHECK(bsearch(&key, sorted, 6, sizeof(int), by_int) == &sorted[3] &&
	      !bsearch(&missing, sorted, 6, sizeof(int), by_int), "bsearch");
	p = _aligned_malloc(100, 64);
	CHECK(p && ((uintptr_t)p & 63) == 0 && _aligned_msize(p, 64, 0) == 100, "_aligned_malloc");
	p = _aligned_realloc(p, 5000, 64);
	CHECK(p && ((uintptr_t)p & 63) == 0, "_aligned_realloc");
	_aligned_free(p);
	handler_calls = 0;
	CHECK(_aligned_malloc(10, 3) == NULL && errno == EINVAL && handler_calls == 1,
	      "a bad alignment");
	errno = 0;
	CHECK(malloc((size_t)-16) == NULL && errno == ENOMEM, "malloc's ENOMEM");
	char *a = _alloca(10000);
	memset(a, 1, 10000);
	CHECK(a[9999] == 1, "_alloca");
	CHECK(_putenv("LIBC_CRT=yes") == 0 && strcmp(getenv("LIBC_CRT"), "yes") == 0 &&
	      _putenv("LIBC_CRT=") == 0 && getenv("LIBC_CRT") == NULL, "_putenv");
}

int main(void)
{
	_set_invalid_parameter_handler(count_invalid);
	formatting();
	scanning();
	strings();
	conversions();
	threads();
	control();
	library();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
