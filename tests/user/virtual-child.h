/* Starting tests/user/virtual-child.c, the idle child whose address space a
 * test works on from outside. Include after <windows.h>. */
#ifndef TESTS_USER_VIRTUAL_CHILD_H
#define TESTS_USER_VIRTUAL_CHILD_H

/* Starts "virtual-child wait", which sleeps until it is terminated: its
 * process handle (the thread's is closed), or NULL with CreateProcess's
 * error. */
static inline HANDLE virtual_child_start(void)
{
	char cmdline[] = "virtual-child wait";
	PROCESS_INFORMATION pi;

	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

/* Ends child (from virtual_child_start) and closes its handle. */
static inline void virtual_child_end(HANDLE child)
{
	TerminateProcess(child, 0);
	WaitForSingleObject(child, 5000);
	CloseHandle(child);
}

#endif
