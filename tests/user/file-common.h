/* What the file tests share: running a program to its end. */
#ifndef TESTS_USER_FILE_COMMON_H
#define TESTS_USER_FILE_COMMON_H

#include <string.h>
#include <windows.h>

/* Runs cmdline (app as CreateProcessA's first argument) with flags, env
 * and cwd as its dwCreationFlags, lpEnvironment and lpCurrentDirectory; its
 * exit code, or a Win32 error + 1000 when it cannot start. */
static inline DWORD file_run_ex(const char *app, const char *cmdline, DWORD flags, void *env,
				const char *cwd)
{
	char line[256];
	PROCESS_INFORMATION pi;
	DWORD code = 12345;

	strcpy(line, cmdline);
	if (!CreateProcessA(app, line, NULL, NULL, FALSE, flags, env, cwd, NULL, &pi))
		return 1000 + GetLastError();
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	return code;
}

/* file_run_ex with no flags, the caller's environment and directory. */
static inline DWORD file_run(const char *app, const char *cmdline)
{
	return file_run_ex(app, cmdline, 0, NULL, NULL);
}

#endif
