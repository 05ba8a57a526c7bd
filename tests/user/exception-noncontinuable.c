/* Noncontinuable exceptions as Windows documents them: a handler that
 * continues one (RaiseException with EXCEPTION_NONCONTINUABLE) gets
 * STATUS_NONCONTINUABLE_EXCEPTION (0xC0000025), itself noncontinuable, whose
 * ExceptionRecord points at the original; a continuable one continues.
 * Children show how a process ends: continuing the nested one too, by a
 * handler or the top-level filter, ends it with 0xC0000025; nobody taking
 * the original ends it with the original's code.
 *   exception-noncontinuable              the checks, then the children
 *   exception-noncontinuable MODE         one child: continue, filter, search */
#define TEST_NAME "exception-noncontinuable"
#include <string.h>
#include <windows.h>
#include "check.h"

#define CODE 0xE0000001u

static DWORD seen_code[4], seen_flags[4], seen_nested[4], seen_params[4];
static volatile int nseen, went_on;

static LONG CALLBACK record_then_exit(PEXCEPTION_POINTERS ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;

	if (r->ExceptionCode != CODE && r->ExceptionCode != STATUS_NONCONTINUABLE_EXCEPTION)
		return EXCEPTION_CONTINUE_SEARCH;
	if (nseen < 4) {
		seen_code[nseen] = r->ExceptionCode;
		seen_flags[nseen] = r->ExceptionFlags;
		seen_nested[nseen] = r->ExceptionRecord ? r->ExceptionRecord->ExceptionCode : 0;
		seen_params[nseen] = r->NumberParameters;
		nseen++;
	}
	if (r->ExceptionCode == STATUS_NONCONTINUABLE_EXCEPTION)
		ExitThread(0x55);
	return EXCEPTION_CONTINUE_EXECUTION;
}

static DWORD WINAPI raise_noncontinuable(LPVOID p)
{
	ULONG_PTR arg = 7;

	RaiseException(CODE, (DWORD)(ULONG_PTR)p, 1, &arg);
	went_on = 1;
	return 0;
}

static void in_process(void)
{
	PVOID h = AddVectoredExceptionHandler(1, record_then_exit);
	HANDLE th = CreateThread(NULL, 0, raise_noncontinuable, (LPVOID)EXCEPTION_NONCONTINUABLE, 0,
				 NULL);
	DWORD code = 0;

	WaitForSingleObject(th, INFINITE);
	GetExitCodeThread(th, &code);
	CloseHandle(th);
	CHECK(code == 0x55 && !went_on, "exit code %lx, went on %d", code, went_on);
	CHECK(nseen == 2, "%d exceptions seen", nseen);
	CHECK(seen_code[0] == CODE && (seen_flags[0] & EXCEPTION_NONCONTINUABLE) &&
	      seen_params[0] == 1 && seen_nested[0] == 0, "the original: %lx %lx %lu",
	      seen_code[0], seen_flags[0], seen_params[0]);
	CHECK(seen_code[1] == STATUS_NONCONTINUABLE_EXCEPTION &&
	      (seen_flags[1] & EXCEPTION_NONCONTINUABLE) && seen_nested[1] == CODE &&
	      seen_params[1] == 0, "the nested one: %lx flags %lx nested %lx params %lu",
	      seen_code[1], seen_flags[1], seen_nested[1], seen_params[1]);

	/* A continuable one continues after RaiseException. */
	nseen = 0;
	went_on = 0;
	raise_noncontinuable((LPVOID)0);
	CHECK(went_on && nseen == 1 && seen_flags[0] == 0, "continuable: went on %d, %d seen",
	      went_on, nseen);
	RemoveVectoredExceptionHandler(h);
}

static LONG CALLBACK always_continue(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK always_search(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI filter_continues(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Runs "exception-noncontinuable MODE" and returns its exit status. */
static DWORD child(const char *mode)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char cmdline[64] = "exception-noncontinuable ";
	DWORD code = 0;

	strcat(cmdline, mode);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return 0xffffffff;
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return code;
}

int main(int argc, char **argv)
{
	DWORD code;

	if (argc > 1) {
		if (!strcmp(argv[1], "continue"))
			AddVectoredExceptionHandler(1, always_continue);
		else if (!strcmp(argv[1], "filter"))
			SetUnhandledExceptionFilter(filter_continues);
		else
			AddVectoredExceptionHandler(1, always_search);
		raise_noncontinuable((LPVOID)EXCEPTION_NONCONTINUABLE);
		printf("exception-noncontinuable: %s: went on\n", argv[1]);
		return 0;
	}
	in_process();
	code = child("continue");
	CHECK(code == STATUS_NONCONTINUABLE_EXCEPTION, "continue: %lx", code);
	code = child("filter");
	CHECK(code == STATUS_NONCONTINUABLE_EXCEPTION, "filter: %lx", code);
	code = child("search");
	CHECK(code == CODE, "search: %lx", code);
	printf("exception-noncontinuable: %d failures\n", failures);
	return failures != 0;
}
