/* Shared by the thread tests: running one start routine on several threads
 * at once, and a child of the test program to its end. Include after
 * check.h and <windows.h>. */
#ifndef TESTS_USER_THREAD_COMMON_H
#define TESTS_USER_THREAD_COMMON_H

#define THREADS_AT_ONCE_MAX 64

/* Runs fn(first), fn(first + 1) ... on n threads (n <= 64) at once and
 * waits for them; the sum of their exit codes, a thread that could not be
 * made or did not end within a minute counting 1000000. */
static inline DWORD run_threads(LPTHREAD_START_ROUTINE fn, DWORD n, DWORD first)
{
	HANDLE h[THREADS_AT_ONCE_MAX];
	DWORD sum = 0, code;

	for (DWORD i = 0; i < n; i++)
		h[i] = CreateThread(NULL, 0, fn, (LPVOID)(first + i), 0, NULL);
	for (DWORD i = 0; i < n; i++) {
		if (!h[i] || WaitForSingleObject(h[i], 60000) != WAIT_OBJECT_0 ||
		    !GetExitCodeThread(h[i], &code))
			code = 1000000;
		sum += code;
		if (h[i])
			CloseHandle(h[i]);
	}
	return sum;
}

/* Runs "self args" to its end (10 s at most): its exit code, and in
 * *first_thread its first thread's (0xDEADDEAD when it could not start or
 * did not end). */
static inline DWORD run_child(const char *self, const char *args, DWORD *first_thread)
{
	char cmdline[128];
	PROCESS_INFORMATION pi;
	DWORD code = 0xDEADDEAD;

	*first_thread = 0xDEADDEAD;
	snprintf(cmdline, sizeof(cmdline), "%s %s", self, args);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return code;
	if (WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0) {
		GetExitCodeProcess(pi.hProcess, &code);
		GetExitCodeThread(pi.hThread, first_thread);
	}
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return code;
}

#endif
