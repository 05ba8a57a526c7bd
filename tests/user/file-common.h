/* What the file tests share: running a program to its end. */
#ifndef TESTS_USER_FILE_COMMON_H
#define TESTS_USER_FILE_COMMON_H

#include <string.h>
#include <windows.h>

/* Runs cmdline (app as CreateProcessA's first argument); its exit code, or
 * a Win32 error + 1000 when it cannot start. */
static inline DWORD file_run(const char *app, const char *cmdline)
{
	char line[256];
	PROCESS_INFORMATION pi;
	DWORD code = 12345;

	strcpy(line, cmdline);
	if (!CreateProcessA(app, line, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return 1000 + GetLastError();
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	return code;
}

#endif
