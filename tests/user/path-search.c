/* SearchPathA/W and SetSearchPathMode, GetShortPathNameA/W and
 * GetLongPathNameA/W on C:, as Microsoft documents them: the search list
 * and the default order (program directory, current directory, system
 * directory, Windows directory, PATH; safe mode moves the current
 * directory after the Windows one), lpExtension added only to a name
 * without one, the length without the NUL on success and the size with it
 * when the buffer is short (the buffer untouched), lpFilePart, and
 * ERROR_FILE_NOT_FOUND; the 8.3 aliases the FAT volume holds ("C:\Program
 * Files" is "C:\PROGRA~1") and back, components already 8.3 kept as typed,
 * one buffer for both, and every bad input's error. Last line:
 * "path-search: N failures". */
#include <string.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "path-search"
#include "check.h"

static void make_file(const char *path)
{
	HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);

	CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	CloseHandle(h);
}

static void setup(void)
{
	CHECK(CreateDirectoryA("C:\\SP", NULL), "mkdir: %lu", GetLastError());
	CHECK(CreateDirectoryA("C:\\SP\\one", NULL), "mkdir: %lu", GetLastError());
	CHECK(CreateDirectoryA("C:\\SP\\two", NULL), "mkdir: %lu", GetLastError());
	CHECK(CreateDirectoryA("C:\\Program Files", NULL), "mkdir: %lu", GetLastError());
	make_file("C:\\SP\\two\\tool.exe");
	make_file("C:\\SP\\one\\readme.txt");
	make_file("C:\\SP\\one\\order.txt");
	make_file("C:\\order.txt");
	make_file("C:\\SP\\two\\pathonly.txt");
	make_file("C:\\Program Files\\Long Name File.txt");
}

#define LIST "C:\\SP\\one;;C:\\SP\\two\\"

static void search_list(void)
{
	char buf[MAX_PATH], *part = NULL;
	const char *want = "C:\\SP\\two\\tool.exe";
	DWORD len = (DWORD)strlen(want);

	CHECK(SearchPathA(LIST, "tool", ".exe", sizeof(buf), buf, &part) == len &&
	      !strcmp(buf, want) && part == buf + 10, "found %s", buf);
	CHECK(SearchPathA(LIST, "readme", ".txt", sizeof(buf), buf, NULL) == 20 &&
	      !strcmp(buf, "C:\\SP\\one\\readme.txt"), "extension added: %s", buf);
	CHECK(SearchPathA(LIST, "readme.txt", ".exe", sizeof(buf), buf, NULL) == 20,
	      "no extension added to a name with one: %lu", GetLastError());
	FAILS(SearchPathA(LIST, "tool.x", ".exe", sizeof(buf), buf, NULL), 0,
	      ERROR_FILE_NOT_FOUND);
	FAILS(SearchPathA(LIST, "absent", NULL, sizeof(buf), buf, NULL), 0, ERROR_FILE_NOT_FOUND);
	CHECK(SearchPathA("C:\\SP", "one\\readme.txt", NULL, sizeof(buf), buf, NULL) == 20,
	      "a relative name with a directory: %lu", GetLastError());
	CHECK(SearchPathA("C:\\nowhere", "C:\\SP\\two\\tool.exe", NULL, sizeof(buf), buf, NULL) ==
	      len, "a full path is looked for where it says");
	CHECK(SearchPathA("C:\\", "SP", NULL, sizeof(buf), buf, &part) == 5 &&
	      !strcmp(part, "SP"), "a directory is found too: %s", buf);

	/* Sizes: the length, or the size with the NUL and the buffer untouched. */
	memset(buf, 'Z', sizeof(buf));
	CHECK(SearchPathA(LIST, "tool", ".exe", len, buf, &part) == len + 1 && buf[0] == 'Z',
	      "short by one");
	CHECK(SearchPathA(LIST, "tool", ".exe", 0, NULL, NULL) == len + 1, "NULL, 0");
	CHECK(SearchPathA(LIST, "tool", ".exe", len + 1, buf, NULL) == len, "exact fit");

	FAILS(SearchPathA(LIST, NULL, NULL, sizeof(buf), buf, NULL), 0, ERROR_INVALID_PARAMETER);
	FAILS(SearchPathA(LIST, "", NULL, sizeof(buf), buf, NULL), 0, ERROR_INVALID_PARAMETER);
}

static void search_default(void)
{
	char buf[MAX_PATH];

	CHECK(SetCurrentDirectoryA("C:\\SP\\one"), "cd: %lu", GetLastError());
	CHECK(SearchPathA(NULL, "readme.txt", NULL, sizeof(buf), buf, NULL) == 20,
	      "the current directory: %lu", GetLastError());
	CHECK(SearchPathA(NULL, ".\\readme", ".txt", sizeof(buf), buf, NULL) == 20,
	      ".\\ names the current directory: %lu", GetLastError());
	CHECK(SearchPathA(NULL, "path-search", ".exe", sizeof(buf), buf, NULL) &&
	      !strcmp(buf, "C:\\BIN\\path-search.exe"), "the system directory: %s", buf);
	/* The registry's default (0): the current directory before the Windows one. */
	CHECK(SearchPathA(NULL, "order.txt", NULL, sizeof(buf), buf, NULL) &&
	      !strcmp(buf, "C:\\SP\\one\\order.txt"), "not safe: %s", buf);
	CHECK(SetSearchPathMode(BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE), "enable");
	CHECK(SearchPathA(NULL, "order.txt", NULL, sizeof(buf), buf, NULL) &&
	      !strcmp(buf, "C:\\order.txt"), "safe: %s", buf);
	CHECK(SetSearchPathMode(BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE), "disable");
	CHECK(SearchPathA(NULL, "order.txt", NULL, sizeof(buf), buf, NULL) &&
	      !strcmp(buf, "C:\\SP\\one\\order.txt"), "not safe again: %s", buf);

	FAILS(SearchPathA(NULL, "pathonly.txt", NULL, sizeof(buf), buf, NULL), 0,
	      ERROR_FILE_NOT_FOUND);
	CHECK(SetEnvironmentVariableA("PATH", "C:\\BIN;C:\\SP\\two"), "PATH");
	CHECK(SearchPathA(NULL, "pathonly.txt", NULL, sizeof(buf), buf, NULL) &&
	      !strcmp(buf, "C:\\SP\\two\\pathonly.txt"), "PATH: %s", buf);

	FAILS(SetSearchPathMode(0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetSearchPathMode(BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE |
				BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetSearchPathMode(BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE |
				BASE_SEARCH_PATH_PERMANENT), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetSearchPathMode(BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE |
				BASE_SEARCH_PATH_PERMANENT), "permanent");
	FAILS(SetSearchPathMode(BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE), FALSE,
	      ERROR_ACCESS_DENIED);
	CHECK(SetCurrentDirectoryA("C:\\"), "cd back");
}

static void search_wide(void)
{
	WCHAR buf[MAX_PATH], *part = NULL;

	CHECK(SearchPathW(L"C:\\SP\\one;C:\\SP\\two", L"tool", L".exe", MAX_PATH, buf, &part) ==
	      18 && !wcscmp(buf, L"C:\\SP\\two\\tool.exe") && part == buf + 10,
	      "SearchPathW: %lu", GetLastError());
	buf[0] = L'Z';
	CHECK(SearchPathW(L"C:\\SP\\two", L"tool.exe", NULL, 18, buf, NULL) == 19 &&
	      buf[0] == L'Z', "SearchPathW short");
	FAILS(SearchPathW(L"C:\\SP\\two", L"nope", L".exe", MAX_PATH, buf, NULL), 0,
	      ERROR_FILE_NOT_FOUND);
	FAILS(SearchPathW(NULL, NULL, NULL, MAX_PATH, buf, NULL), 0, ERROR_INVALID_PARAMETER);
}

static void short_and_long(void)
{
	char buf[MAX_PATH];
	const char *alias = "C:\\PROGRA~1\\LONGNA~1.TXT";
	const char *full = "C:\\Program Files\\Long Name File.txt";
	DWORD n = (DWORD)strlen(alias);

	CHECK(GetShortPathNameA("C:\\Program Files", buf, sizeof(buf)) == 11 &&
	      !strcmp(buf, "C:\\PROGRA~1"), "short: %s", buf);
	CHECK(GetShortPathNameA(full, buf, sizeof(buf)) == n && !strcmp(buf, alias),
	      "short: %s", buf);
	CHECK(GetShortPathNameA("C:\\SP\\one\\readme.txt", buf, sizeof(buf)) == 20 &&
	      !strcmp(buf, "C:\\SP\\one\\readme.txt"), "8.3 components kept as typed: %s", buf);
	CHECK(GetLongPathNameA(alias, buf, sizeof(buf)) == strlen(full) && !strcmp(buf, full),
	      "long: %s", buf);
	CHECK(GetLongPathNameA("c:\\progra~1\\", buf, sizeof(buf)) == 17 &&
	      !strcmp(buf, "c:\\Program Files\\"), "long, drive and separator as typed: %s", buf);
	CHECK(GetLongPathNameA("C:\\sp\\ONE\\.\\readme.txt", buf, sizeof(buf)) &&
	      !strcmp(buf, "C:\\SP\\one\\.\\readme.txt"), "long: the names' own case: %s", buf);

	/* Relative paths stay relative. */
	CHECK(SetCurrentDirectoryA("C:\\Program Files"), "cd");
	CHECK(GetShortPathNameA("Long Name File.txt", buf, sizeof(buf)) == 12 &&
	      !strcmp(buf, "LONGNA~1.TXT"), "relative: %s", buf);
	CHECK(GetLongPathNameA("..\\PROGRA~1", buf, sizeof(buf)) &&
	      !strcmp(buf, "..\\Program Files"), "relative long: %s", buf);
	SetCurrentDirectoryA("C:\\");

	/* Sizes, and one buffer for both. */
	memset(buf, 'Z', sizeof(buf));
	CHECK(GetShortPathNameA(full, NULL, 0) == n + 1, "NULL, 0: the size needed");
	CHECK(GetShortPathNameA(full, buf, n) == n + 1 && buf[0] == 'Z', "short by one");
	CHECK(GetShortPathNameA(full, buf, n + 1) == n, "exact fit");
	CHECK(GetLongPathNameA(alias, buf, 5) == strlen(full) + 1, "long: short buffer");
	strcpy(buf, full);
	CHECK(GetShortPathNameA(buf, buf, sizeof(buf)) == n && !strcmp(buf, alias),
	      "in place: %s", buf);
	CHECK(GetLongPathNameA(buf, buf, sizeof(buf)) && !strcmp(buf, full), "in place: %s", buf);

	FAILS(GetShortPathNameA("C:\\Program Files\\nope.txt", buf, sizeof(buf)), 0,
	      ERROR_FILE_NOT_FOUND);
	FAILS(GetShortPathNameA("C:\\no dir\\x.txt", buf, sizeof(buf)), 0, ERROR_PATH_NOT_FOUND);
	FAILS(GetLongPathNameA("C:\\PROGRA~1\\NOPE~1.TXT", buf, sizeof(buf)), 0,
	      ERROR_FILE_NOT_FOUND);
	FAILS(GetLongPathNameA("C:\\NODIR~1\\x", buf, sizeof(buf)), 0, ERROR_PATH_NOT_FOUND);
	FAILS(GetShortPathNameA(NULL, buf, sizeof(buf)), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetLongPathNameA(NULL, buf, sizeof(buf)), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetLongPathNameA("", buf, sizeof(buf)), 0, ERROR_PATH_NOT_FOUND);
	FAILS(GetShortPathNameA("C:\\Program Files\\*.txt", buf, sizeof(buf)), 0,
	      ERROR_INVALID_NAME);
}

static void short_and_long_wide(void)
{
	WCHAR buf[MAX_PATH];

	CHECK(GetShortPathNameW(L"C:\\Program Files", buf, MAX_PATH) == 11 &&
	      !wcscmp(buf, L"C:\\PROGRA~1"), "GetShortPathNameW: %lu", GetLastError());
	CHECK(GetLongPathNameW(L"C:\\PROGRA~1", buf, MAX_PATH) == 16 &&
	      !wcscmp(buf, L"C:\\Program Files"), "GetLongPathNameW: %lu", GetLastError());
	CHECK(GetShortPathNameW(L"C:\\Program Files", NULL, 0) == 12, "W: NULL, 0");
	buf[0] = L'Z';
	CHECK(GetLongPathNameW(L"C:\\PROGRA~1", buf, 16) == 17 && buf[0] == L'Z', "W: short");
	FAILS(GetShortPathNameW(L"C:\\nope", buf, MAX_PATH), 0, ERROR_FILE_NOT_FOUND);
	FAILS(GetLongPathNameW(NULL, buf, MAX_PATH), 0, ERROR_INVALID_PARAMETER);
}

int main(void)
{
	setup();
	search_list();
	search_default();
	search_wide();
	short_and_long();
	short_and_long_wide();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
