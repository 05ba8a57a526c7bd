/* The ring-3 C library against C99: printf conversions, strtol/strtoul
 * edge cases, qsort, rand determinism, and GetSystemInfo's figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int failures;

static void same(const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		printf("libc-check: got \"%s\", want \"%s\"\n", got, want);
		failures++;
	}
}

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("libc-check: %s: WRONG\n", what);
		failures++;
	}
}

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	char buf[128], *end;
	int v[] = { 5, -3, 9, 0, 9, 1, -7, 2 };
	SYSTEM_INFO si;

	snprintf(buf, sizeof(buf), "%d|%5i|%-4u|%x|%X|%o|%c|%s|%%|%hhd|%lld", -42, 7, 3u, 255u,
		 255u, 8u, 'z', "s", 300, -5LL);
	same(buf, "-42|    7|3   |ff|FF|10|z|s|%|44|-5");
	snprintf(buf, sizeof(buf), "%#x|%+d|% d|%.3s|%*d|%zu|%p", 255u, 5, 5, "abcdef", 4, 1,
		 (size_t)9, (void *)0x1000);
	same(buf, "0xff|+5| 5|abc|   1|9|00001000");   /* Microsoft's %p */
	expect(strtol("  -123abc", &end, 10) == -123 && strcmp(end, "abc") == 0, "strtol");
	expect(strtol("0x1F", NULL, 0) == 31 && strtol("017", NULL, 0) == 15, "strtol base 0");
	expect(strtol("99999999999", NULL, 10) == 0x7fffffffL, "strtol saturates");
	expect(strtol("-2147483648", NULL, 10) == (-0x7fffffffL - 1), "strtol LONG_MIN");
	expect(strtoul("4294967295", NULL, 10) == 0xffffffffUL, "strtoul max");
	expect(strtol("xyz", &end, 10) == 0 && strcmp(end, "xyz") == 0, "no digits");
	expect(atoi("42") == 42 && abs(-5) == 5, "atoi, abs");
	qsort(v, sizeof(v) / sizeof(v[0]), sizeof(v[0]), by_value);
	for (unsigned i = 1; i < sizeof(v) / sizeof(v[0]); i++)
		expect(v[i - 1] <= v[i], "qsort order");
	srand(7);
	int r1 = rand();
	srand(7);
	expect(rand() == r1 && r1 >= 0 && r1 <= RAND_MAX, "rand is deterministic per seed");
	strcpy(buf, "abc");
	strcat(buf, "def");
	same(buf, "abcdef");
	expect(strrchr("a/b/c", '/') && strcmp(strrchr("a/b/c", '/'), "/c") == 0, "strrchr");
	expect(strstr("hello world", "o w") && !strstr("abc", "abd") &&
	       strstr("abc", "") != NULL, "strstr");
	expect(memchr("abc", 'c', 3) != NULL && memchr("abc", 'c', 2) == NULL, "memchr");
	strncpy(buf, "xy", 5);
	expect(buf[0] == 'x' && buf[2] == '\0' && buf[4] == '\0', "strncpy pads");
	expect(sizeof(MEMORY_BASIC_INFORMATION) == 28, "MEMORY_BASIC_INFORMATION layout");
	GetSystemInfo(&si);
	expect(si.dwPageSize == 4096 && si.dwAllocationGranularity == 65536 &&
	       si.lpMinimumApplicationAddress == (LPVOID)0x10000 &&
	       si.lpMaximumApplicationAddress == (LPVOID)0x7ffeffff, "GetSystemInfo");
	printf("libc-check: %d failures\n", failures);
	return failures;
}
