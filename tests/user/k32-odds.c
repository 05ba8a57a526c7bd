/* kernel32's odds and ends as Microsoft documents them: SetErrorMode and
 * GetErrorMode (the previous mode; SEM_NOALIGNMENTFAULTEXCEPT stays once
 * set), SetThreadErrorMode/GetThreadErrorMode per thread (a bad flag:
 * ERROR_INVALID_PARAMETER), GetTimeZoneInformation and
 * GetDynamicTimeZoneInformation (UTC, no daylight saving),
 * GetSystemTimeAdjustment, GetComputerNameEx (host names as
 * GetComputerName's, an empty DNS domain), FlushProcessWriteBuffers, the
 * waitable timers' W forms; children that end by FatalAppExit
 * (0x40000015), FatalExit (its code) and RaiseFailFastException (the
 * record's code, past a vectored handler; none: 0xC0000602); user32's
 * wsprintfA (cut at 1024 characters) and Char* case calls. Prints
 * "k32-odds: N failures". */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#define TEST_NAME "k32-odds"
#include "check.h"

static LONG CALLBACK never(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	ExitProcess(99);                /* a fail-fast must not get here */
}

static int child(const char *how)
{
	EXCEPTION_RECORD rec;

	AddVectoredExceptionHandler(1, never);
	if (!strcmp(how, "fatalapp"))
		FatalAppExitA(0, "k32-odds child: fatal");
	if (!strcmp(how, "fatalexit"))
		FatalExit(7);
	if (!strcmp(how, "failfast-record")) {
		memset(&rec, 0, sizeof(rec));
		rec.ExceptionCode = 0xE0001234;
		RaiseFailFastException(&rec, NULL, 0);
	}
	RaiseFailFastException(NULL, NULL, 0);
}

static DWORD run_child(const char *how)
{
	char cmdline[64];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	snprintf(cmdline, sizeof(cmdline), "k32-odds %s", how);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
		return 0;
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	return code;
}

static DWORD WINAPI other_thread(LPVOID arg)
{
	(void)arg;
	return GetThreadErrorMode();
}

int main(int argc, char **argv)
{
	TIME_ZONE_INFORMATION tz;
	DYNAMIC_TIME_ZONE_INFORMATION dtz;
	DWORD adj = 0, inc = 0, old = 7, n, code;
	BOOL disabled = FALSE;
	char name[64], name2[64];
	WCHAR wname[64];
	HANDLE t, t2;

	if (argc > 1)
		return child(argv[1]);
	CHECK(SetErrorMode(SEM_FAILCRITICALERRORS) == 0, "first mode");
	CHECK(SetErrorMode(SEM_NOALIGNMENTFAULTEXCEPT) == SEM_FAILCRITICALERRORS, "previous");
	CHECK(SetErrorMode(0) == SEM_NOALIGNMENTFAULTEXCEPT && GetErrorMode() ==
	      SEM_NOALIGNMENTFAULTEXCEPT, "SEM_NOALIGNMENTFAULTEXCEPT stays: %u", GetErrorMode());
	CHECK(SetThreadErrorMode(SEM_FAILCRITICALERRORS, &old) && old == 0 &&
	      GetThreadErrorMode() == SEM_FAILCRITICALERRORS, "thread mode");
	FAILS(SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT, NULL), FALSE, ERROR_INVALID_PARAMETER);
	t = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
	WaitForSingleObject(t, INFINITE);
	CHECK(GetExitCodeThread(t, &code) && code == 0, "another thread's mode: %lu", code);
	CloseHandle(t);

	CHECK(GetTimeZoneInformation(&tz) == TIME_ZONE_ID_UNKNOWN && tz.Bias == 0 &&
	      !wcscmp(tz.StandardName, L"Coordinated Universal Time"), "time zone");
	CHECK(GetDynamicTimeZoneInformation(&dtz) == TIME_ZONE_ID_UNKNOWN &&
	      !wcscmp(dtz.TimeZoneKeyName, L"UTC"), "dynamic time zone");
	CHECK(GetSystemTimeAdjustment(&adj, &inc, &disabled) && disabled && inc == 100000,
	      "time adjustment %lu %lu", adj, inc);

	n = sizeof(name);
	CHECK(GetComputerNameA(name, &n), "GetComputerName");
	n = sizeof(name2);
	CHECK(GetComputerNameExA(ComputerNameDnsHostname, name2, &n) && !strcmp(name, name2) &&
	      n == strlen(name), "DNS host name %s", name2);
	n = sizeof(name2);
	CHECK(GetComputerNameExA(ComputerNameDnsDomain, name2, &n) && n == 0 && !name2[0],
	      "DNS domain empty");
	n = 64;
	CHECK(GetComputerNameExW(ComputerNameNetBIOS, wname, &n) && n == strlen(name),
	      "NetBIOS name W");
	FAILS(GetComputerNameExA(ComputerNameMax, name2, &n), FALSE, ERROR_INVALID_PARAMETER);
	n = 2;
	FAILS(GetComputerNameExA(ComputerNamePhysicalNetBIOS, name2, &n), FALSE, ERROR_MORE_DATA);
	CHECK(n == strlen(name) + 1, "size needed %lu", n);
	FlushProcessWriteBuffers();

	t = CreateWaitableTimerW(NULL, TRUE, L"k32-odds-timer");
	t2 = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"k32-odds-timer");
	CHECK(t && t2, "the timer by its W name: %lu", GetLastError());
	CloseHandle(t2);
	CloseHandle(t);

	static char big[2048];
	char text[32] = "MiXed 42";
	WCHAR wtext[16] = L"MiXed";
	CHECK(wsprintfA(big, "%s-%d-%05x", "ab", -7, 0x1f) == 11 && !strcmp(big, "ab--7-0001f"),
	      "wsprintfA: %s", big);
	char wide_long[1500];
	memset(wide_long, 'x', sizeof(wide_long) - 1);
	wide_long[sizeof(wide_long) - 1] = 0;
	CHECK(wsprintfA(big, "%s", wide_long) == 1023 && strlen(big) == 1023, "cut at 1024");
	CHECK(CharUpperA(text) == text && !strcmp(text, "MIXED 42"), "CharUpperA %s", text);
	CHECK(CharLowerBuffA(text, 3) == 3 && !strcmp(text, "mixED 42"), "CharLowerBuffA %s", text);
	CHECK((UINT_PTR)CharUpperA((LPSTR)(UINT_PTR)'q') == 'Q', "one character");
	CHECK(CharLowerW(wtext) == wtext && !wcscmp(wtext, L"mixed"), "CharLowerW");
	CHECK(IsCharAlphaA('z') && !IsCharAlphaA('1') && IsCharAlphaNumericA('1') &&
	      IsCharUpperA('Q') && IsCharLowerW(L'q'), "IsChar*");

	CHECK((code = run_child("fatalapp")) == 0x40000015, "FatalAppExit: 0x%lx", code);
	CHECK((code = run_child("fatalexit")) == 7, "FatalExit: %lu", code);
	CHECK((code = run_child("failfast-record")) == 0xE0001234, "fail fast: 0x%lx", code);
	CHECK((code = run_child("failfast")) == 0xC0000602, "fail fast, no record: 0x%lx", code);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
