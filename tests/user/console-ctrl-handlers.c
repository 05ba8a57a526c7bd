/* Console control handlers as Microsoft documents them: GenerateConsoleCtrlEvent
 * runs the handlers on a new thread, the last registered first, a FALSE
 * passing the signal on; removing one not registered fails; NULL + TRUE
 * makes the process ignore CTRL+C but not CTRL+BREAK; CTRL+C to a nonzero
 * group succeeds and reaches nobody; with no handler taking it the default
 * one ends the process with STATUS_CONTROL_C_EXIT (a child shows it). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TEST_NAME "console-ctrl-handlers"
#include "check.h"
#include "ob-common.h"

static HANDLE done;
static char order[16];
static volatile LONG calls;
static DWORD main_thread, handler_thread, last_type;

static void note(char who, DWORD type)
{
	LONG i = InterlockedIncrement(&calls) - 1;

	if (i < (LONG)sizeof(order) - 1)
		order[i] = who;
	handler_thread = GetCurrentThreadId();
	last_type = type;
}

static BOOL WINAPI first(DWORD type)
{
	note('1', type);
	SetEvent(done);
	return TRUE;
}

static BOOL WINAPI second(DWORD type)
{
	note('2', type);
	return FALSE;
}

/* Raises type to group and waits up to ms for the handlers; TRUE if they
 * ran (first, which ends the chain, was reached). */
static BOOL raise_and_wait(DWORD type, DWORD group, DWORD ms)
{
	memset(order, 0, sizeof(order));
	calls = 0;
	ResetEvent(done);
	CHECK(GenerateConsoleCtrlEvent(type, group), "Generate(%lu, %lu): %lu", type, group,
	      GetLastError());
	return WaitForSingleObject(done, ms) == WAIT_OBJECT_0;
}

/* The child: no handler, so the default one ends it. */
static int child(void)
{
	GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0);
	Sleep(10000);
	return 0;
}

static DWORD run_child(const char *self)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char line[MAX_PATH + 16];

	snprintf(line, sizeof(line), "\"%s\" child", self);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return GetLastError() + 1000;
	CloseHandle(pi.hThread);
	return ob_reap(pi.hProcess, FALSE);
}

int main(int argc, char **argv)
{
	DWORD code;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child();
	main_thread = GetCurrentThreadId();
	done = CreateEventA(NULL, TRUE, FALSE, NULL);

	CHECK(SetConsoleCtrlHandler(first, TRUE) && SetConsoleCtrlHandler(second, TRUE), "add");
	CHECK(raise_and_wait(CTRL_C_EVENT, 0, 5000), "CTRL+C reached no handler");
	CHECK(strcmp(order, "21") == 0, "the last registered runs first: %s", order);
	CHECK(last_type == CTRL_C_EVENT && handler_thread != main_thread, "type %lu on thread %lu",
	      last_type, handler_thread);
	CHECK(raise_and_wait(CTRL_BREAK_EVENT, 0, 5000) && last_type == CTRL_BREAK_EVENT &&
	      strcmp(order, "21") == 0, "CTRL+BREAK: %s %lu", order, last_type);

	/* Removing. */
	CHECK(SetConsoleCtrlHandler(second, FALSE), "remove second");
	FAILS(SetConsoleCtrlHandler(second, FALSE), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(raise_and_wait(CTRL_C_EVENT, 0, 5000) && strcmp(order, "1") == 0, "after removing: %s",
	      order);

	/* Ignoring CTRL+C: handlers are not called; CTRL+BREAK still is. */
	CHECK(SetConsoleCtrlHandler(NULL, TRUE), "ignore CTRL+C");
	CHECK(!raise_and_wait(CTRL_C_EVENT, 0, 300) && calls == 0, "ignored CTRL+C ran %ld", calls);
	CHECK(raise_and_wait(CTRL_BREAK_EVENT, 0, 5000), "CTRL+BREAK while ignoring CTRL+C");
	CHECK(SetConsoleCtrlHandler(NULL, FALSE), "stop ignoring");
	CHECK(raise_and_wait(CTRL_C_EVENT, 0, 5000), "CTRL+C again");

	/* CTRL+C to a process group reaches nobody; bad signals fail. */
	CHECK(!raise_and_wait(CTRL_C_EVENT, 4321, 300) && calls == 0, "group CTRL+C ran");
	FAILS(GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GenerateConsoleCtrlEvent(7, 0), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(SetConsoleCtrlHandler(first, FALSE), "remove first");
	FAILS(SetConsoleCtrlHandler(first, FALSE), FALSE, ERROR_INVALID_PARAMETER);

	/* The default handler: ExitProcess(STATUS_CONTROL_C_EXIT). */
	CHECK((code = run_child(argv[0])) == STATUS_CONTROL_C_EXIT, "child's exit code 0x%lx", code);
	CloseHandle(done);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
