/* The pipe tests' helper threads. Include after <windows.h> and
 * <string.h>: `shared` is the end a thread works on; write_later writes
 * its argument (a string) there after 50 ms and returns the count (0: it
 * failed), close_later closes it after 50 ms; finish waits for a thread,
 * closes its handle and returns its exit code. */
#ifndef TESTS_USER_PIPE_THREADS_H
#define TESTS_USER_PIPE_THREADS_H

static HANDLE shared;

static inline DWORD WINAPI write_later(LPVOID text)
{
	DWORD n;

	Sleep(50);
	return WriteFile(shared, text, (DWORD)strlen(text), &n, NULL) ? n : 0;
}

static inline DWORD WINAPI close_later(LPVOID unused)
{
	(void)unused;
	Sleep(50);
	return CloseHandle(shared);
}

static inline DWORD finish(HANDLE t)
{
	DWORD code = 0;

	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	CloseHandle(t);
	return code;
}

#endif
