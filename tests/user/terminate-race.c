/* Regression (review): a terminate that arrived while the target was between
 * waits was forgotten and the target slept on forever. Children that sleep in
 * a loop, yield in a loop or sleep INFINITE are terminated at varying moments;
 * every one must end. Also: long timeouts do not wrap. (Handle tables have
 * no fixed size any more: handle-table-growth tests their limits.) */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const char *self;
static int failures;

static HANDLE start(const char *role)
{
	char cmdline[64];
	PROCESS_INFORMATION pi;

	snprintf(cmdline, sizeof(cmdline), "%s %s", self, role);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("terminate-race: %s: WRONG\n", what);
		failures++;
	}
}

int main(int argc, char **argv)
{
	static const char *const roles[] = { "sleeper", "yielder", "forever" };
	DWORD t0, code;
	HANDLE h;

	self = argv[0];
	if (argc == 2 && strcmp(argv[1], "sleeper") == 0)
		for (;;)
			Sleep(1);
	if (argc == 2 && strcmp(argv[1], "yielder") == 0)
		for (;;)
			Sleep(0);
	if (argc == 2 && strcmp(argv[1], "forever") == 0) {
		Sleep(INFINITE);
		return 1;
	}
	for (int i = 0; i < 30; i++) {
		h = start(roles[i % 3]);
		Sleep(i % 7);
		TerminateProcess(h, 0x40 + i);
		expect(WaitForSingleObject(h, 2000) == WAIT_OBJECT_0 && GetExitCodeProcess(h, &code) &&
		       code == (DWORD)(0x40 + i), roles[i % 3]);
		CloseHandle(h);
	}
	h = start("forever");
	t0 = GetTickCount();
	expect(WaitForSingleObject(h, 150) == WAIT_TIMEOUT && GetTickCount() - t0 >= 150,
	       "a 150 ms wait on Sleep(INFINITE)");
	TerminateProcess(h, 5);
	expect(WaitForSingleObject(h, INFINITE) == WAIT_OBJECT_0, "terminating Sleep(INFINITE)");
	CloseHandle(h);
	printf("terminate-race: %d failures\n", failures);
	return failures;
}
