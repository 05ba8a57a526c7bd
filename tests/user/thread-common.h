/* Shared by the thread tests: running one start routine on several threads
 * at once. Include after check.h and <windows.h>. */
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

#endif
