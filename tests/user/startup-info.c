/* GetStartupInfoA/W give back what the creator's CreateProcess(A or W)
 * passed in lpStartupInfo: the desktop and title strings, the position,
 * size, counts, fill, show-window and flags, the standard handles with
 * STARTF_USESTDHANDLES (else NULL), never the reserved fields; a process
 * the kernel started sees an empty one with cb set. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define TEST_NAME "startup-info"
#include "check.h"
#include "ob-common.h"

#define FLAGS (STARTF_USESHOWWINDOW | STARTF_USEPOSITION | STARTF_USESIZE | STARTF_USESTDHANDLES)

/* The child's part: 0 when its start-up information is what the parent
 * gave (with_handles: the standard handles too). */
static int child(BOOL with_handles)
{
	STARTUPINFOA a;
	STARTUPINFOW w;

	GetStartupInfoA(&a);
	GetStartupInfoW(&w);
	CHECK(a.cb == sizeof(a) && w.cb == sizeof(w), "cb %lu %lu", a.cb, w.cb);
	CHECK(a.lpTitle && strcmp(a.lpTitle, "a title") == 0 && w.lpTitle &&
	      wcscmp(w.lpTitle, L"a title") == 0, "title %s", a.lpTitle ? a.lpTitle : "(null)");
	CHECK(a.lpDesktop && strcmp(a.lpDesktop, "winsta0\\default") == 0 && w.lpDesktop &&
	      wcscmp(w.lpDesktop, L"winsta0\\default") == 0, "desktop");
	CHECK(a.dwX == 10 && a.dwY == 20 && a.dwXSize == 300 && a.dwYSize == 200 &&
	      a.dwXCountChars == 80 && a.dwYCountChars == 25 && a.dwFillAttribute == 0x1f &&
	      a.wShowWindow == 7 && w.dwX == 10 && w.wShowWindow == 7,
	      "fields %lu %lu %u", a.dwX, a.dwY, a.wShowWindow);
	CHECK(a.dwFlags == (with_handles ? FLAGS : FLAGS & ~STARTF_USESTDHANDLES),
	      "flags %lx", a.dwFlags);
	CHECK(with_handles ? a.hStdInput == (HANDLE)0x44 && a.hStdOutput == (HANDLE)0x48 &&
			     a.hStdError == (HANDLE)0x4c && w.hStdError == (HANDLE)0x4c
			   : !a.hStdInput && !a.hStdOutput && !a.hStdError,
	      "handles %p %p %p", a.hStdInput, a.hStdOutput, a.hStdError);
	CHECK(!a.lpReserved && !a.cbReserved2 && !a.lpReserved2, "reserved fields empty");
	return failures != 0;
}

static DWORD run_child(const char *self, BOOL wide, BOOL with_handles)
{
	STARTUPINFOA si = { .cb = sizeof(si), .lpReserved = "x", .lpDesktop = "winsta0\\default",
			    .lpTitle = "a title", .dwX = 10, .dwY = 20, .dwXSize = 300,
			    .dwYSize = 200, .dwXCountChars = 80, .dwYCountChars = 25,
			    .dwFillAttribute = 0x1f,
			    .dwFlags = with_handles ? FLAGS : FLAGS & ~STARTF_USESTDHANDLES,
			    .wShowWindow = 7, .hStdInput = (HANDLE)0x44,
			    .hStdOutput = (HANDLE)0x48, .hStdError = (HANDLE)0x4c };
	STARTUPINFOW siw;
	PROCESS_INFORMATION pi;
	char line[MAX_PATH + 16];
	wchar_t wline[MAX_PATH + 16], wself[MAX_PATH];
	BOOL ok;

	snprintf(line, sizeof(line), "\"%s\" %s", self, with_handles ? "handles" : "plain");
	if (wide) {
		memcpy(&siw, &si, sizeof(siw));
		siw.lpReserved = NULL;
		siw.lpDesktop = L"winsta0\\default";
		siw.lpTitle = L"a title";
		MultiByteToWideChar(CP_ACP, 0, line, -1, wline, MAX_PATH + 16);
		MultiByteToWideChar(CP_ACP, 0, self, -1, wself, MAX_PATH);
		ok = CreateProcessW(wself, wline, NULL, NULL, FALSE, 0, NULL, NULL, &siw, &pi);
	} else {
		ok = CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
	}
	if (!ok)
		return GetLastError() + 1000;
	CloseHandle(pi.hThread);
	return ob_reap(pi.hProcess, FALSE);
}

int main(int argc, char **argv)
{
	STARTUPINFOA own;
	DWORD code;

	if (argc == 2)
		return child(strcmp(argv[1], "handles") == 0);
	memset(&own, 0xcc, sizeof(own));
	GetStartupInfoA(&own);
	CHECK(own.cb == sizeof(own) && !own.dwFlags && !own.lpTitle && !own.lpDesktop &&
	      !own.hStdInput, "started by the kernel: an empty STARTUPINFO");
	CHECK((code = run_child(argv[0], FALSE, TRUE)) == 0, "CreateProcessA's child: %lu", code);
	CHECK((code = run_child(argv[0], FALSE, FALSE)) == 0, "no STARTF_USESTDHANDLES: %lu",
	      code);
	CHECK((code = run_child(argv[0], TRUE, TRUE)) == 0, "CreateProcessW's child: %lu", code);
	printf("startup-info: %d failures\n", failures);
	return failures != 0;
}
