/* Waiting with a timeout, STILL_ACTIVE, TerminateProcess on a sleeping and on
 * a spinning child (a busy loop cannot starve its parent), and bad handles. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static int failures;

static void expect(int ok, const char *what)
{
	printf("wait-terminate: %s: %s\n", what, ok ? "ok" : "WRONG");
	failures += !ok;
}

static HANDLE start(const char *self, const char *role)
{
	char cmdline[64];
	PROCESS_INFORMATION pi;

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, role);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

/* Waits briefly, checks it still runs, terminates it, checks the code. */
static void stop(HANDLE h, const char *role, UINT code)
{
	DWORD status = 0;
	char what[64];

	snprintf(what, sizeof(what), "the %s outlives a 50 ms wait", role);
	expect(WaitForSingleObject(h, 50) == WAIT_TIMEOUT, what);
	expect(GetExitCodeProcess(h, &status) && status == STILL_ACTIVE, "STILL_ACTIVE while it runs");
	expect(TerminateProcess(h, code), "TerminateProcess");
	snprintf(what, sizeof(what), "the %s ends with the given code", role);
	expect(WaitForSingleObject(h, INFINITE) == WAIT_OBJECT_0 &&
	       GetExitCodeProcess(h, &status) && status == code, what);
	CloseHandle(h);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "sleeper") == 0) {
		Sleep(60000);
		return 1;
	}
	if (argc == 2 && strcmp(argv[1], "spinner") == 0)
		for (;;)
			;
	stop(start(argv[0], "sleeper"), "sleeper", 0x77);
	stop(start(argv[0], "spinner"), "spinner", 0x88);
	HANDLE faulty = start("null-read", "");
	DWORD code = 0;
	expect(faulty && WaitForSingleObject(faulty, INFINITE) == WAIT_OBJECT_0 &&
	       GetExitCodeProcess(faulty, &code) && code == STATUS_ACCESS_VIOLATION,
	       "a child's fault ends only the child, with its code");
	CloseHandle(faulty);
	expect(WaitForSingleObject((HANDLE)0x1234, 0) == WAIT_FAILED &&
	       GetLastError() == ERROR_INVALID_HANDLE, "a bad handle fails the wait");
	expect(!CloseHandle((HANDLE)0x40) && GetLastError() == ERROR_INVALID_HANDLE,
	       "closing a handle never opened");
	expect(OpenProcess(PROCESS_ALL_ACCESS, FALSE, 4242) == NULL, "OpenProcess of no process");
	expect(!CreateProcessA(NULL, "no-such-program", NULL, NULL, FALSE, 0, NULL, NULL, NULL,
			       &(PROCESS_INFORMATION){ 0 }) && GetLastError() == ERROR_FILE_NOT_FOUND,
	       "CreateProcessA of a missing program");
	printf("wait-terminate: %d failures\n", failures);
	return failures;
}
