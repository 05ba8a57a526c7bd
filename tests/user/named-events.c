/* Named objects through events: create-or-open in the one namespace
 * (ERROR_ALREADY_EXISTS, the same object behind both handles), open by name
 * from another process, case-sensitive names with case-insensitive
 * Global\ (its own directory) and Local\ (the session's, as no prefix)
 * prefixes, a name leaving with its last handle, rights
 * (SYNCHRONIZE to wait, EVENT_MODIFY_STATE to signal), manual- and
 * auto-reset semantics, PulseEvent, and bad names. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "named-events"
#include "check.h"

#define NAME "vados-named-events"

static void create_or_open(void)
{
	HANDLE a = CreateEventA(NULL, TRUE, FALSE, NAME), b, c, g;

	CHECK(a && GetLastError() == ERROR_SUCCESS, "first create: %p, error %lu", a, GetLastError());
	b = CreateEventA(NULL, FALSE, TRUE, NAME);      /* the arguments are ignored */
	CHECK(b && b != a && GetLastError() == ERROR_ALREADY_EXISTS, "second create: %lu",
	      GetLastError());
	CHECK(WaitForSingleObject(b, 0) == WAIT_TIMEOUT, "the existing event kept its state");
	CHECK(SetEvent(a), "SetEvent");
	CHECK(WaitForSingleObject(b, 0) == WAIT_OBJECT_0, "one object behind both handles");
	CHECK(WaitForSingleObject(b, 0) == WAIT_OBJECT_0, "manual reset stays signaled");
	DWORD session = 0;

	CHECK(ProcessIdToSessionId(GetCurrentProcessId(), &session) && session == 1 &&
	      WTSGetActiveConsoleSessionId() == 1, "session %lu", session);
	FAILS(ProcessIdToSessionId(0x7ffffff0, &session), FALSE, ERROR_INVALID_PARAMETER);
	/* Global\ is another directory than the session's (no prefix, Local\). */
	CHECK(!OpenEventA(SYNCHRONIZE, FALSE, "Global\\" NAME) &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "Global\\ is not the session's: %lu",
	      GetLastError());
	g = CreateEventA(NULL, TRUE, FALSE, "Global\\" NAME);
	CHECK(g && GetLastError() == ERROR_SUCCESS, "a Global\\ event of the same name is new: %lu",
	      GetLastError());
	c = OpenEventA(SYNCHRONIZE, FALSE, "global\\" NAME);
	CHECK(c && WaitForSingleObject(c, 0) == WAIT_TIMEOUT, "global\\, any case: the global one");
	CloseHandle(c);
	CloseHandle(g);
	c = OpenEventA(SYNCHRONIZE, FALSE, "Local\\" NAME);
	CHECK(c != NULL, "Local\\ prefix: %lu", GetLastError());
	CHECK(WaitForSingleObject(c, 0) == WAIT_OBJECT_0, "opened by name is the same object");
	CHECK(!SetEvent(c) && GetLastError() == ERROR_ACCESS_DENIED, "SetEvent without MODIFY");
	CloseHandle(c);
	c = OpenEventA(EVENT_MODIFY_STATE, FALSE, "local\\" NAME);
	CHECK(c != NULL, "local\\ prefix, any case: %lu", GetLastError());
	CHECK(WaitForSingleObject(c, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	      "a wait needs SYNCHRONIZE");
	CHECK(ResetEvent(c), "ResetEvent with MODIFY");
	CHECK(WaitForSingleObject(a, 0) == WAIT_TIMEOUT, "reset through the third handle");
	CloseHandle(c);
	CHECK(!OpenEventA(SYNCHRONIZE, FALSE, "VADOS-NAMED-EVENTS") &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "names are case-sensitive");
	CloseHandle(a);
	c = OpenEventA(SYNCHRONIZE, FALSE, NAME);
	CHECK(c != NULL, "still named while b is open");
	CloseHandle(c);
	CloseHandle(b);
	CHECK(!OpenEventA(SYNCHRONIZE, FALSE, NAME) && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "the name went with the last handle");
	a = CreateEventA(NULL, FALSE, FALSE, NAME);
	CHECK(a && GetLastError() == ERROR_SUCCESS, "created anew: %lu", GetLastError());
	CloseHandle(a);
}

static void reset_kinds(void)
{
	HANDLE automatic = CreateEventA(NULL, FALSE, TRUE, NULL);
	HANDLE manual = CreateEventExA(NULL, NULL, CREATE_EVENT_MANUAL_RESET, EVENT_ALL_ACCESS);

	CHECK(WaitForSingleObject(automatic, 0) == WAIT_OBJECT_0, "initially set");
	CHECK(WaitForSingleObject(automatic, 0) == WAIT_TIMEOUT, "auto reset by the wait");
	CHECK(WaitForSingleObject(manual, 10) == WAIT_TIMEOUT, "initially reset");
	CHECK(PulseEvent(manual), "PulseEvent");
	CHECK(WaitForSingleObject(manual, 0) == WAIT_TIMEOUT, "a pulse leaves it reset");
	CHECK(SetEvent(automatic) && SetEvent(automatic), "SetEvent twice");
	CHECK(WaitForSingleObject(automatic, 0) == WAIT_OBJECT_0, "set once");
	CHECK(WaitForSingleObject(automatic, 0) == WAIT_TIMEOUT, "no count kept");
	CHECK(!CreateEventExA(NULL, NULL, 4, EVENT_ALL_ACCESS) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "unknown flags");
	CloseHandle(automatic);
	CloseHandle(manual);
}

static void bad_names(void)
{
	char longname[400];

	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK(!CreateEventA(NULL, TRUE, FALSE, "sub\\name") && GetLastError() == ERROR_PATH_NOT_FOUND,
	      "a backslash: %lu", GetLastError());
	CHECK(!CreateEventA(NULL, TRUE, FALSE, longname) &&
	      GetLastError() == ERROR_FILENAME_EXCED_RANGE, "too long: %lu", GetLastError());
	CHECK(!CreateEventA(NULL, TRUE, FALSE, (LPCSTR)0x80000000) &&
	      GetLastError() == ERROR_NOACCESS, "a kernel pointer: %lu", GetLastError());
	CHECK(!OpenEventA(SYNCHRONIZE, FALSE, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "OpenEvent without a name");
	CHECK(!OpenEventA(SYNCHRONIZE, FALSE, "no-such-event") &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "no such name");
	CHECK(!SetEvent(GetCurrentProcess()) && GetLastError() == ERROR_INVALID_HANDLE,
	      "a process is not an event");
	CHECK(!SetEvent((HANDLE)0x7ffc) && GetLastError() == ERROR_INVALID_HANDLE, "a free handle");
}

/* The child: opens the parent's events by name, says it is ready, waits
 * for the go and exits with 7. */
static int child(void)
{
	HANDLE ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, NAME "-ready");
	HANDLE go = OpenEventA(SYNCHRONIZE, FALSE, NAME "-go");

	if (!ready || !go || !SetEvent(ready))
		return 1;
	return WaitForSingleObject(go, 10000) == WAIT_OBJECT_0 ? 7 : 2;
}

static void across_processes(const char *self)
{
	HANDLE ready = CreateEventA(NULL, FALSE, FALSE, NAME "-ready");
	HANDLE go = CreateEventA(NULL, TRUE, FALSE, NAME "-go");
	char cmdline[64];
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	strcpy(cmdline, self);
	strcat(cmdline, " child");
	CHECK(CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi),
	      "CreateProcessA: %lu", GetLastError());
	CHECK(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "the child set ready");
	CHECK(WaitForSingleObject(pi.hProcess, 50) == WAIT_TIMEOUT, "the child waits for go");
	CHECK(SetEvent(go), "SetEvent go");
	CHECK(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the child ended");
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "child status %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(ready);
	CloseHandle(go);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child();
	create_or_open();
	reset_kinds();
	bad_names();
	across_processes(argv[0]);
	printf("named-events: %d failures\n", failures);
	return failures;
}
