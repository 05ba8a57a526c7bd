/* A UNICODE and _UNICODE build: TCHAR is WCHAR, TEXT and _T make wide
 * literals, the generic calls (CreateEvent, GetEnvironmentVariable,
 * GetModuleFileName, lstrlen, ...) and structures (STARTUPINFO) are the W
 * ones, <tchar.h>'s names the wide C functions, the program starts at
 * _tmain (wmain) with wide arguments and environment, and
 * CommandLineToArgvW splits lines as documented. Run as
 * "wide-unicode alpha beta".
 * Last line: "wide-unicode: N failures". */
#define UNICODE
#define _UNICODE
#include <string.h>
#include <tchar.h>
#include <windows.h>
#include <shellapi.h>

#define TEST_NAME "wide-unicode"
#include "check.h"

static void generic_names(void)
{
	TCHAR buf[MAX_PATH], out[64];
	STARTUPINFO si = { .cb = sizeof(si) };
	LPCTSTR name = TEXT("wide-unicode-event");
	HANDLE a, b;

	CHECK(sizeof(TCHAR) == 2 && sizeof(_TCHAR) == 2 && sizeof(TEXT("ab")) == 6 &&
	      sizeof(_T("ab")) == 6, "TCHAR %u", (unsigned)sizeof(TCHAR));
	CHECK(sizeof(si) == sizeof(STARTUPINFOW) && sizeof(WIN32_FIND_DATA) == 592,
	      "generic structures");
	a = CreateEvent(NULL, TRUE, FALSE, name);
	b = OpenEvent(EVENT_ALL_ACCESS, FALSE, name);
	CHECK(a && b && OpenEventA(SYNCHRONIZE, FALSE, "wide-unicode-event"), "events");
	CloseHandle(b);
	CloseHandle(a);
	CHECK(SetEnvironmentVariable(_T("TVAR"), _T("tv")) &&
	      GetEnvironmentVariable(_T("TVAR"), buf, MAX_PATH) == 2 && !_tcscmp(buf, _T("tv")),
	      "environment");
	CHECK(GetModuleFileName(NULL, buf, MAX_PATH) == _tcslen(buf) && _tcsstr(buf, _T("wide")),
	      "GetModuleFileName");
	CHECK(lstrlen(TEXT("four")) == 4 && !lstrcmpi(TEXT("A"), TEXT("a")), "lstrlen");
	CHECK(_stprintf_s(out, 64, _T("%s-%d"), _T("n"), 5) == 3 && !_tcscmp(out, _T("n-5")),
	      "_stprintf_s");
	CHECK(_ttoi(_T("12")) == 12 && _totupper(_T('q')) == _T('Q') && _istdigit(_T('3')),
	      "tchar helpers");
	CHECK(GetCommandLine() == GetCommandLineW(), "GetCommandLine is W");
}

static void command_lines(void)
{
	LPWSTR *argv;
	int n = -1;

	argv = CommandLineToArgvW(GetCommandLineW(), &n);
	CHECK(argv && n == 3 && !wcscmp(argv[1], L"alpha") && !wcscmp(argv[2], L"beta") &&
	      !argv[3], "CommandLineToArgvW of GetCommandLineW: %d", n);
	LocalFree(argv);
	argv = CommandLineToArgvW(L"prog \"b c\" d\\\"e \x4E2D", &n);
	CHECK(argv && n == 4 && !wcscmp(argv[0], L"prog") && !wcscmp(argv[1], L"b c") &&
	      !wcscmp(argv[2], L"d\"e") && !wcscmp(argv[3], L"\x4E2D"), "quotes: %d", n);
	LocalFree(argv);
	argv = CommandLineToArgvW(L"", &n);
	CHECK(argv && n == 1 && wcsstr(argv[0], L"wide-unicode"), "empty line: the program");
	LocalFree(argv);
	SetLastError(0);
	CHECK(!CommandLineToArgvW(L"x", NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "NULL count");
}

int _tmain(int argc, _TCHAR **argv, _TCHAR **envp)
{
	int vars = 0;

	CHECK(argc == 3 && !_tcscmp(argv[1], _T("alpha")) && !_tcscmp(argv[2], _T("beta")) &&
	      !argv[3], "argc %d", argc);
	for (PTCHAR *e = envp; e && *e; e++)
		vars += _tcschr(*e, _T('=')) != NULL;
	CHECK(envp && vars > 0, "envp: %d variables", vars);
	command_lines();
	generic_names();
	_tprintf(_T("%s: %d failures\n"), _T("wide-unicode"), failures);
	return failures != 0;
}
