/* A UNICODE and _UNICODE build: TCHAR is WCHAR, TEXT and _T make wide
 * literals, the generic calls (CreateEvent, GetEnvironmentVariable,
 * GetModuleFileName, lstrlen, ...) and structures (STARTUPINFO) are the W
 * ones, <tchar.h>'s names the wide C functions, the program starts at
 * _tmain (wmain) with wide arguments and environment, and
 * CommandLineToArgvW splits lines as documented; kernel32's version,
 * debug output, FormatMessage, start-up, name and directory calls are the
 * W ones, sized in WCHARs as their pages say. Run as
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

/* The kernel32 names and directories in WCHARs: the A forms' text, sizes
 * and too-small answers counted in characters, nothing written past them. */
static void k32_names(void)
{
	TCHAR buf[MAX_PATH];
	char a[MAX_PATH];
	STARTUPINFO si;
	DWORD size;
	UINT n;
	UINT (WINAPI *dir_w[3])(LPWSTR, UINT) = {
		GetSystemDirectory, GetWindowsDirectory, GetSystemWindowsDirectory };
	UINT (WINAPI *dir_a[3])(LPSTR, UINT) = {
		GetSystemDirectoryA, GetWindowsDirectoryA, GetSystemWindowsDirectoryA };

	memset(&si, 0xAA, sizeof(si));
	GetStartupInfo(&si);
	CHECK(si.cb == sizeof(STARTUPINFOW) && sizeof(si) == 68 && !si.dwFlags && !si.lpTitle,
	      "GetStartupInfo cb %lu", si.cb);
	size = MAX_COMPUTERNAME_LENGTH + 1;
	CHECK(GetComputerNameA(a, &size) && size == strlen(a), "GetComputerNameA");
	size = MAX_COMPUTERNAME_LENGTH + 1;
	CHECK(GetComputerName(buf, &size) && size == _tcslen(buf) && size == strlen(a) &&
	      buf[0] == (TCHAR)a[0], "GetComputerName: %lu", size);
	n = (UINT)size;
	buf[n] = 0x1234;
	CHECK(!GetComputerName(buf, &size) && GetLastError() == ERROR_BUFFER_OVERFLOW &&
	      size == n + 1 && buf[n] == 0x1234, "GetComputerName exact length: %lu %lu",
	      GetLastError(), size);
	CHECK(GetComputerName(buf, &size) && size == n && !buf[n], "GetComputerName n + 1");
	size = UNLEN + 1;
	CHECK(GetUserName(buf, &size) && size == _tcslen(buf) + 1, "GetUserName %lu", size);
	n = (UINT)size;
	size = n - 1;
	CHECK(!GetUserName(buf, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
	      size == n, "GetUserName small: %lu %lu", GetLastError(), size);
	size = 1;
	CHECK(!GetUserName(NULL, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
	      size == n, "GetUserName NULL: %lu", size);
	for (int i = 0; i < 3; i++) {
		UINT na = dir_a[i](a, sizeof(a));

		n = dir_w[i](NULL, 0);
		CHECK(na && n == na + 1, "directory %d needs %u (A: %u)", i, n, na);
		buf[n] = 0x1234;
		CHECK(dir_w[i](buf, n) == n - 1 && _tcslen(buf) == n - 1 && buf[n] == 0x1234 &&
		      buf[1] == _T(':') && buf[n - 2] == (TCHAR)a[na - 1], "directory %d", i);
		buf[0] = 0x1234;
		CHECK(dir_w[i](buf, n - 1) == n && buf[0] == 0x1234, "directory %d too small", i);
	}
}

/* GetVersionEx's W structures and OutputDebugString's conversion. */
static void k32_version_debug(void)
{
	OSVERSIONINFO vi = { .dwOSVersionInfoSize = sizeof(vi) };
	OSVERSIONINFOEX vx;

	CHECK(sizeof(vi) == 276 && sizeof(OSVERSIONINFOEX) == 284, "sizes");
	memset(vi.szCSDVersion, 0xAA, sizeof(vi.szCSDVersion));
	CHECK(GetVersionEx(&vi) && vi.dwMajorVersion == 6 && vi.dwMinorVersion == 2 &&
	      vi.dwBuildNumber == 9200 && vi.dwPlatformId == VER_PLATFORM_WIN32_NT &&
	      !vi.szCSDVersion[0], "GetVersionEx %lu.%lu", vi.dwMajorVersion, vi.dwMinorVersion);
	memset(&vx, 0xAA, sizeof(vx));
	vx.dwOSVersionInfoSize = sizeof(vx);
	CHECK(GetVersionEx((LPOSVERSIONINFO)&vx) && vx.dwMajorVersion == 6 &&
	      vx.wProductType == VER_NT_WORKSTATION && !vx.wServicePackMajor &&
	      !vx.szCSDVersion[0], "GetVersionEx EX");
	vi.dwOSVersionInfoSize = sizeof(OSVERSIONINFOA);
	SetLastError(0);
	CHECK(!GetVersionEx(&vi) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
	      "A size: %lu", GetLastError());
	SetLastError(0);
	CHECK(!GetVersionEx(NULL) && GetLastError() == ERROR_NOACCESS, "NULL: %lu",
	      GetLastError());
	OutputDebugString(TEXT("wide-unicode says \x4E2D\n"));  /* CP437 lacks it: '?' */
	OutputDebugString(NULL);
	OutputDebugString((LPCTSTR)16);
}

/* FormatMessage (W) with a va_list. */
static DWORD format_v(DWORD flags, LPCTSTR text, LPTSTR buf, DWORD size, ...)
{
	va_list ap;
	DWORD n;

	va_start(ap, size);
	n = FormatMessage(flags | FORMAT_MESSAGE_FROM_STRING, text, 0, 0, buf, size, &ap);
	va_end(ap);
	return n;
}

/* FormatMessageW: WCHAR sizes both ways, wide inserts. */
static void k32_format_message(void)
{
	TCHAR buf[256];
	LPTSTR alloc = NULL;
	DWORD_PTR args[1] = { (DWORD_PTR)L"prog.exe" };
	LPCTSTR fnf = TEXT("The system cannot find the file specified.\r\n");
	DWORD n, len = (DWORD)_tcslen(fnf);

	n = FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf, 256,
			  NULL);
	CHECK(n == len && !_tcscmp(buf, fnf), "system text: %lu", n);
	SetLastError(0);
	buf[0] = 0x1234;
	CHECK(!FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf,
			     len, NULL) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
	      buf[0] == 0x1234, "nSize = length: %lu", GetLastError());
	CHECK(FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf,
			    len + 1, NULL) == len, "nSize = length + 1 WCHARs");
	n = FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL,
			  ERROR_FILE_NOT_FOUND, 0, (LPTSTR)&alloc, 100, NULL);
	CHECK(n == len && alloc && !_tcscmp(alloc, fnf) && LocalSize(alloc) >= 100 * sizeof(TCHAR),
	      "ALLOCATE_BUFFER, nSize 100: %lu %lu", n, alloc ? (DWORD)LocalSize(alloc) : 0);
	CHECK(LocalFree(alloc) == NULL, "LocalFree");
	alloc = NULL;
	n = FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL,
			  ERROR_FILE_NOT_FOUND, 0, (LPTSTR)&alloc, 0, NULL);
	CHECK(n == len && alloc && LocalSize(alloc) >= (len + 1) * sizeof(TCHAR),
	      "ALLOCATE_BUFFER, nSize 0");
	LocalFree(alloc);
	n = FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL,
			  ERROR_BAD_EXE_FORMAT, 0, buf, 256, (va_list *)args);
	CHECK(n && !_tcscmp(buf, TEXT("prog.exe is not a valid Win32 application.\r\n")),
	      "wide argument array: %lu", n);
	n = format_v(0, TEXT("%1 and %2!s! %3!d! %4!S! %5!hs! %6!c! %7!.2s!|%8!-4ls!|"), buf,
		     256, L"one", L"two", 3, "narrow", "h", L'W', L"abc", L"ab");
	CHECK(n == 33 && !_tcscmp(buf, TEXT("one and two 3 narrow h W ab|ab  |")),
	      "wide inserts: %lu", n);
	n = format_v(0, TEXT("\x4E2D %1"), buf, 256, L"a\x4E2D" L"b");
	CHECK(n == 5 && !_tcscmp(buf, TEXT("? a?b")), "outside CP437: %lu", n);
	SetLastError(0);
	CHECK(format_v(0, TEXT("needs %1"), buf, 0, L"x") == 0 &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER, "size 0: %lu", GetLastError());
	SetLastError(0);
	CHECK(!FormatMessage(FORMAT_MESSAGE_FROM_STRING, NULL, 0, 0, buf, 256, NULL) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "NULL source: %lu", GetLastError());
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
	k32_names();
	k32_version_debug();
	k32_format_message();
	_tprintf(_T("%s: %d failures\n"), _T("wide-unicode"), failures);
	return failures != 0;
}
