/* FindFirstFileExA/W and Windows' wildcards on C:: FindExInfoStandard
 * (cAlternateFileName the 8.3 alias) and FindExInfoBasic (empty, for
 * FindNextFile too), FindExSearchLimitToDirectories (directories only),
 * FIND_FIRST_EX_CASE_SENSITIVE and LARGE_FETCH accepted, every bad level,
 * search, filter and flag ERROR_INVALID_PARAMETER; and what each pattern
 * lists: "*.*" and "*" every name, "*." the names without an extension,
 * `?` one character or none before a dot or the end, "*.htm" "x.html"
 * through its alias X~1.HTM, "name.*" "name", as on Windows. Last line:
 * "find-ex: N failures". */
#include <string.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "find-ex"
#include "check.h"

static const char *const names[] = {
	"x.html", "page.htm", "noext", "a.txt", "ab.txt", "abc.txt", "readme",
	"Mixed.Case.Name.txt", "b", "dir1",
};
#define NAMES (sizeof(names) / sizeof(names[0]))

static void setup(void)
{
	CHECK(CreateDirectoryA("C:\\FX", NULL), "mkdir: %lu", GetLastError());
	for (size_t i = 0; i < NAMES; i++) {
		char path[MAX_PATH] = "C:\\FX\\";
		HANDLE h;

		strcat(path, names[i]);
		if (!strcmp(names[i], "dir1")) {
			CHECK(CreateDirectoryA(path, NULL), "mkdir: %lu", GetLastError());
			continue;
		}
		h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
		CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
		CloseHandle(h);
	}
}

/* The names pattern lists in C:\FX, each followed by '|', in the
 * directory's order; "" and ERROR_FILE_NOT_FOUND when none. */
static const char *listed(const char *pattern)
{
	static char out[1024];
	char path[MAX_PATH] = "C:\\FX\\";
	WIN32_FIND_DATAA fd;
	HANDLE h;

	out[0] = '\0';
	strcat(path, pattern);
	if ((h = FindFirstFileA(path, &fd)) == INVALID_HANDLE_VALUE) {
		CHECK(GetLastError() == ERROR_FILE_NOT_FOUND, "%s: %lu", pattern, GetLastError());
		return out;
	}
	do {
		strcat(out, fd.cFileName);
		strcat(out, "|");
	} while (FindNextFileA(h, &fd));
	CHECK(GetLastError() == ERROR_NO_MORE_FILES, "%s: end %lu", pattern, GetLastError());
	FindClose(h);
	return out;
}

#define LISTS(pattern, want)                                                              \
	do {                                                                             \
		const char *got = listed(pattern);                                       \
		CHECK(!strcmp(got, want), "%s lists %s", pattern, got);                  \
	} while (0)

#define ALL ".|..|x.html|page.htm|noext|a.txt|ab.txt|abc.txt|readme|Mixed.Case.Name.txt|b|dir1|"

static void wildcards(void)
{
	LISTS("*", ALL);
	LISTS("*.*", ALL);
	LISTS("*.", ".|..|noext|readme|b|dir1|");
	LISTS("*.htm", "x.html|page.htm|");
	LISTS("*.html", "x.html|");
	LISTS("a?.txt", "a.txt|ab.txt|");
	LISTS("???.txt", "a.txt|ab.txt|abc.txt|");
	LISTS("?", "b|");
	LISTS("??", "b|");
	LISTS("*.txt", "a.txt|ab.txt|abc.txt|Mixed.Case.Name.txt|");
	LISTS("readme.*", "readme|");
	LISTS("MIXED.*", "Mixed.Case.Name.txt|");
	LISTS("*.case.*", "Mixed.Case.Name.txt|");
	LISTS("X~1.HTM", "x.html|");
	LISTS("NOEXT.", "noext|");
	LISTS("q*", "");
}

/* The first answer of FindFirstFileExA for name at level. */
static BOOL find_ex(const char *name, FINDEX_INFO_LEVELS level, FINDEX_SEARCH_OPS op,
		    DWORD flags, WIN32_FIND_DATAA *fd)
{
	HANDLE h = FindFirstFileExA(name, level, fd, op, NULL, flags);

	if (h == INVALID_HANDLE_VALUE)
		return FALSE;
	FindClose(h);
	return TRUE;
}

static void levels_and_searches(void)
{
	WIN32_FIND_DATAA fd;
	HANDLE h;
	int seen = 0, dirs = 0, files = 0;

	CHECK(find_ex("C:\\FX\\x.html", FindExInfoStandard, FindExSearchNameMatch, 0, &fd) &&
	      !strcmp(fd.cFileName, "x.html") && !strcmp(fd.cAlternateFileName, "X~1.HTM"),
	      "standard: %s %s", fd.cFileName, fd.cAlternateFileName);
	memset(&fd, 'Z', sizeof(fd));
	CHECK(find_ex("C:\\FX\\x.html", FindExInfoBasic, FindExSearchNameMatch, 0, &fd) &&
	      !strcmp(fd.cFileName, "x.html") && fd.cAlternateFileName[0] == '\0',
	      "basic: %s %.14s", fd.cFileName, fd.cAlternateFileName);

	/* Basic: no alias in any answer of the enumeration. */
	h = FindFirstFileExA("C:\\FX\\*", FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
	CHECK(h != INVALID_HANDLE_VALUE, "basic *: %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) {
		do
			seen += fd.cAlternateFileName[0] != '\0';
		while (FindNextFileA(h, &fd));
		FindClose(h);
	}
	CHECK(seen == 0, "basic gave %d aliases", seen);

	/* LimitToDirectories, advice the file system may take: vados takes it. */
	h = FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, &fd, FindExSearchLimitToDirectories,
			     NULL, 0);
	CHECK(h != INVALID_HANDLE_VALUE, "LimitToDirectories: %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) {
		do {
			if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
				dirs += !strcmp(fd.cFileName, "dir1");
			else
				files++;
		} while (FindNextFileA(h, &fd));
		FindClose(h);
	}
	CHECK(dirs == 1 && files == 0, "dirs %d files %d", dirs, files);
	h = FindFirstFileExA("C:\\FX\\*.txt", FindExInfoStandard, &fd,
			     FindExSearchLimitToDirectories, NULL, 0);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "no directory matches: %lu", GetLastError());

	CHECK(find_ex("C:\\FX\\PAGE.HTM", FindExInfoStandard, FindExSearchNameMatch,
		      FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH, &fd) &&
	      !strcmp(fd.cFileName, "page.htm"), "flags accepted (FAT has no case): %lu",
	      GetLastError());
	CHECK(find_ex("C:\\FX\\dir1", FindExInfoBasic, FindExSearchLimitToDirectories,
		      FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY, &fd) &&
	      (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "dir1: %lx", fd.dwFileAttributes);
}

static void bad_input(void)
{
	WIN32_FIND_DATAA fd;
	int filter = 0;

	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoMaxInfoLevel, &fd, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\*", (FINDEX_INFO_LEVELS)7, &fd, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, &fd, FindExSearchLimitToDevices,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, &fd, FindExSearchMaxSearchOp,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, &fd, FindExSearchNameMatch,
			       &filter, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, &fd, FindExSearchNameMatch,
			       NULL, 8), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExA("C:\\FX\\nothing*", FindExInfoBasic, &fd, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
	FAILS(FindFirstFileExA("C:\\NODIR\\*", FindExInfoBasic, &fd, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_PATH_NOT_FOUND);
	FAILS(FindFirstFileExA("C:\\FX\\*", FindExInfoStandard, (void *)16, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_NOACCESS);
}

static void wide(void)
{
	WIN32_FIND_DATAW fd;
	HANDLE h;

	h = FindFirstFileExW(L"C:\\FX\\*.htm", FindExInfoStandard, &fd, FindExSearchNameMatch,
			     NULL, 0);
	CHECK(h != INVALID_HANDLE_VALUE && !wcscmp(fd.cFileName, L"x.html") &&
	      !wcscmp(fd.cAlternateFileName, L"X~1.HTM"), "W standard: %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE) {
		CHECK(FindNextFileW(h, &fd) && !wcscmp(fd.cFileName, L"page.htm"), "W next");
		FindClose(h);
	}
	h = FindFirstFileExW(L"C:\\FX\\x.html", FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
			     FIND_FIRST_EX_LARGE_FETCH);
	CHECK(h != INVALID_HANDLE_VALUE && !wcscmp(fd.cFileName, L"x.html") &&
	      fd.cAlternateFileName[0] == 0, "W basic: %lu", GetLastError());
	if (h != INVALID_HANDLE_VALUE)
		FindClose(h);
	FAILS(FindFirstFileExW(L"C:\\FX\\*", FindExInfoMaxInfoLevel, &fd, FindExSearchNameMatch,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	FAILS(FindFirstFileExW(L"C:\\FX\\*.", FindExInfoStandard, &fd, FindExSearchLimitToDevices,
			       NULL, 0), INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
}

int main(void)
{
	setup();
	wildcards();
	levels_and_searches();
	bad_input();
	wide();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
