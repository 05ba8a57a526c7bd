/* What the Win32 conformance programs (win32-sync-conformance.c,
 * win32-object-conformance.c) share: a check of a call's result and last
 * error, and a thread maker. Include after check.h. */
#ifndef TESTS_USER_WIN32_CONFORMANCE_H
#define TESTS_USER_WIN32_CONFORMANCE_H

#include <windows.h>

#define DIRTY 0xDEADu             /* a last error no call here sets */
#define SELF  GetCurrentProcess()

/* The call's result r is bad, and its last error is err (DIRTY: unchanged). */
#define CHECK_FAIL(r, bad, err)                                                          \
	do {                                                                             \
		SetLastError(DIRTY);                                                     \
		DWORD got_ = (DWORD)(r);                                                 \
		DWORD e_ = GetLastError();                                               \
		CHECK(got_ == (DWORD)(bad) && e_ == (DWORD)(err),                        \
		      "returned 0x%lx error %lu, want 0x%lx error %lu", got_, e_,        \
		      (DWORD)(bad), (DWORD)(err));                                       \
	} while (0)

static __attribute__((unused)) HANDLE thread(LPTHREAD_START_ROUTINE fn, LPVOID arg, DWORD flags)
{
	HANDLE h = CreateThread(NULL, 0, fn, arg, flags, NULL);

	CHECK(h != NULL, "CreateThread: %lu", GetLastError());
	return h;
}

#endif
