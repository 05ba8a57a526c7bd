/* kernel32's odds and ends (vados/winmisc.h) against Microsoft's
 * documentation: the memory, packing and counting macros, the performance
 * counter, GetTickCount64 and GetSystemTimePreciseAsFileTime,
 * GetVersion(Ex)A, the debugging calls (a DebugBreak caught by a vectored
 * handler), FormatMessageA (system texts, inserts from a va_list and an
 * array, escapes, widths, buffer rules and error codes), CPU times,
 * start-up information, names and directories with their size rules, the
 * lstr* calls on bad pointers, priority classes and boosts, the processor
 * numbers, features and topology, CreateRemoteThread, and Get/SetThreadContext on a new suspended
 * thread and on one suspended while it ran. */
#include <stdarg.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "k32-conform"
#include "check.h"

static void macros(void)
{
	struct pair {
		int first;
		short second[3];
		char third;
	} p, *back;
	char buf[16], secret[8] = "secret";
	int arr[7];

	CHECK(MAKEWORD(0x12, 0x34) == 0x3412 && MAKELONG(0x1234, 0x5678) == 0x56781234,
	      "MAKEWORD/MAKELONG");
	CHECK(LOWORD(0x12345678) == 0x5678 && HIWORD(0x12345678) == 0x1234 &&
	      LOBYTE(0x1234) == 0x34 && HIBYTE(0x1234) == 0x12, "LOWORD/HIWORD/LOBYTE/HIBYTE");
	CHECK(min(3, -4) == -4 && max(3, -4) == 3, "min/max");
	CHECK(ARRAYSIZE(arr) == 7 && _countof(buf) == 16, "ARRAYSIZE/_countof");
	CHECK(FIELD_OFFSET(struct pair, second) == 4 && FIELD_OFFSET(struct pair, third) == 10,
	      "FIELD_OFFSET");
	back = CONTAINING_RECORD(&p.third, struct pair, third);
	CHECK(back == &p, "CONTAINING_RECORD %p %p", (void *)back, (void *)&p);
	CHECK(MAXDWORD == 0xffffffffUL && MAXLONG == 0x7fffffff && MAXWORD == 0xffff &&
	      MAXBYTE == 0xff, "MAX* constants");
	UNREFERENCED_PARAMETER(p);

	FillMemory(buf, sizeof(buf), 'x');
	ZeroMemory(buf + 4, 4);
	CHECK(buf[3] == 'x' && buf[4] == 0 && buf[7] == 0 && buf[8] == 'x', "Fill/ZeroMemory");
	CopyMemory(buf, "abcdefgh", 8);
	MoveMemory(buf + 2, buf, 6);            /* overlapping */
	CHECK(memcmp(buf, "ababcdef", 8) == 0, "MoveMemory overlaps: %.8s", buf);
	CHECK(RtlEqualMemory(buf, "abab", 4) && !RtlEqualMemory(buf, "abac", 4), "RtlEqualMemory");
	CHECK(RtlCompareMemory(buf, "ababXX", 6) == 4 && RtlCompareMemory(buf, buf, 8) == 8 &&
	      RtlCompareMemory(buf, "b", 0) == 0, "RtlCompareMemory");
	CHECK(SecureZeroMemory(secret, sizeof(secret)) == secret &&
	      RtlCompareMemory(secret, "\0\0\0\0\0\0\0\0", 8) == 8, "SecureZeroMemory");
	CHECK(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) == (HRESULT)0x80070005L &&
	      FAILED(E_FAIL) && SUCCEEDED(S_FALSE), "HRESULTs");
}

static ULONGLONG ft(const FILETIME *t)
{
	return (ULONGLONG)t->dwHighDateTime << 32 | t->dwLowDateTime;
}

static void counters(void)
{
	LARGE_INTEGER f1, f2, c1, c2, c3;
	ULONGLONG t64;
	DWORD t32;

	CHECK(QueryPerformanceFrequency(&f1) && QueryPerformanceFrequency(&f2) &&
	      f1.QuadPart > 0 && f1.QuadPart == f2.QuadPart, "frequency %lld %lld",
	      f1.QuadPart, f2.QuadPart);
	CHECK(QueryPerformanceCounter(&c1), "QueryPerformanceCounter");
	for (int i = 0; i < 2000; i++) {
		CHECK(QueryPerformanceCounter(&c2) && c2.QuadPart >= c1.QuadPart,
		      "went back: %lld after %lld", c2.QuadPart, c1.QuadPart);
		c1 = c2;
	}
	QueryPerformanceCounter(&c1);
	Sleep(100);
	QueryPerformanceCounter(&c3);
	LONGLONG ms = (c3.QuadPart - c1.QuadPart) * 1000 / f1.QuadPart;
	CHECK(ms >= 90 && ms < 1000, "Sleep(100) took %lld ms by the counter", ms);
	CHECK(!QueryPerformanceCounter(NULL) && GetLastError() == ERROR_NOACCESS,
	      "NULL: %lu", GetLastError());

	FILETIME coarse, precise, later;
	GetSystemTimeAsFileTime(&coarse);
	GetSystemTimePreciseAsFileTime(&precise);
	GetSystemTimePreciseAsFileTime(&later);
	CHECK(ft(&precise) >= ft(&coarse) && ft(&precise) - ft(&coarse) < 10000000 &&
	      ft(&later) >= ft(&precise), "precise %llu coarse %llu later %llu", ft(&precise),
	      ft(&coarse), ft(&later));

	t32 = GetTickCount();
	t64 = GetTickCount64();
	CHECK(t64 - t32 < 50 || (DWORD)t64 - t32 < 50, "GetTickCount64 %llu GetTickCount %lu",
	      t64, t32);
	Sleep(30);
	CHECK(GetTickCount64() - t64 >= 20, "GetTickCount64 moves");
}

static void version(void)
{
	OSVERSIONINFOA vi;
	OSVERSIONINFOEXA vx;
	DWORD v = GetVersion();

	CHECK(LOBYTE(LOWORD(v)) == 6 && HIBYTE(LOWORD(v)) == 2 && HIWORD(v) == 9200,
	      "GetVersion 0x%08lx", v);
	CHECK(sizeof(OSVERSIONINFOA) == 148 && sizeof(OSVERSIONINFOEXA) == 156, "sizes %u %u",
	      (unsigned)sizeof(OSVERSIONINFOA), (unsigned)sizeof(OSVERSIONINFOEXA));
	memset(&vi, 0xcc, sizeof(vi));
	vi.dwOSVersionInfoSize = sizeof(vi) - 1;
	SetLastError(0);
	CHECK(!GetVersionExA(&vi) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
	      "bad size: %lu", GetLastError());
	vi.dwOSVersionInfoSize = sizeof(vi);
	CHECK(GetVersionExA(&vi) && vi.dwMajorVersion == 6 && vi.dwMinorVersion == 2 &&
	      vi.dwBuildNumber == 9200 && vi.dwPlatformId == VER_PLATFORM_WIN32_NT &&
	      vi.szCSDVersion[0] == 0, "%lu.%lu.%lu %lu", vi.dwMajorVersion, vi.dwMinorVersion,
	      vi.dwBuildNumber, vi.dwPlatformId);
	memset(&vx, 0xcc, sizeof(vx));
	vx.dwOSVersionInfoSize = sizeof(vx);
	CHECK(GetVersionExA((LPOSVERSIONINFOA)&vx) && vx.dwMajorVersion == 6 &&
	      vx.wServicePackMajor == 0 && vx.wProductType == VER_NT_WORKSTATION,
	      "EX: %lu sp %u type %u", vx.dwMajorVersion, vx.wServicePackMajor, vx.wProductType);
}

static int breakpoints;

static LONG CALLBACK on_breakpoint(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != EXCEPTION_BREAKPOINT)
		return EXCEPTION_CONTINUE_SEARCH;
	breakpoints++;
	CHECK(*(unsigned char *)ep->ContextRecord->Eip == 0xCC &&
	      ep->ExceptionRecord->ExceptionAddress == (PVOID)ep->ContextRecord->Eip,
	      "the breakpoint is reported at the int3");
	ep->ContextRecord->Eip++;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static void debugging(void)
{
	BOOL present = TRUE;
	PVOID h;

	CHECK(!IsDebuggerPresent(), "no debugger");
	CHECK(CheckRemoteDebuggerPresent(GetCurrentProcess(), &present) && !present,
	      "CheckRemoteDebuggerPresent");
	SetLastError(0);
	CHECK(!CheckRemoteDebuggerPresent(GetCurrentProcess(), NULL) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "NULL flag: %lu", GetLastError());
	CHECK(!CheckRemoteDebuggerPresent((HANDLE)0x1230, &present) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lu", GetLastError());
	h = AddVectoredExceptionHandler(1, on_breakpoint);
	DebugBreak();
	RemoveVectoredExceptionHandler(h);
	CHECK(breakpoints == 1, "DebugBreak reached the handler %d times", breakpoints);
	OutputDebugStringA("k32-conform says hello\n");
	OutputDebugStringA(NULL);
	OutputDebugStringA((LPCSTR)16);
}

/* FormatMessageA with a va_list, as callers wrap it. */
static DWORD format_v(DWORD flags, LPCSTR text, LPSTR buf, DWORD size, ...)
{
	va_list ap;
	DWORD n;

	va_start(ap, size);
	n = FormatMessageA(flags | FORMAT_MESSAGE_FROM_STRING, text, 0, 0, buf, size, &ap);
	va_end(ap);
	return n;
}

static void messages(void)
{
	char buf[256];
	LPSTR alloc = NULL;
	DWORD_PTR args[3] = { (DWORD_PTR)"prog.exe", 42, (DWORD_PTR)"x" };
	DWORD n;
	const char *fnf = "The system cannot find the file specified.\r\n";

	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf,
			   sizeof(buf), NULL);
	CHECK(n == strlen(fnf) && strcmp(buf, fnf) == 0, "%lu '%s'", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
			   ERROR_ACCESS_DENIED, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf,
			   sizeof(buf), NULL);
	CHECK(n == 19 && strcmp(buf, "Access is denied.\r\n") == 0, "%lu '%s'", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL,
			   ERROR_SUCCESS, 0, (LPSTR)&alloc, 0, NULL);
	CHECK(n == 39 && alloc && strcmp(alloc, "The operation completed successfully.\r\n") == 0,
	      "ALLOCATE_BUFFER: %lu", n);
	CHECK(LocalFree(alloc) == NULL, "LocalFree of the message");
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
			   ERROR_BAD_EXE_FORMAT, 0, buf, sizeof(buf), NULL);
	CHECK(n && strcmp(buf, "%1 is not a valid Win32 application.\r\n") == 0, "'%s'", buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL,
			   ERROR_BAD_EXE_FORMAT, 0, buf, sizeof(buf), (va_list *)args);
	CHECK(n && strcmp(buf, "prog.exe is not a valid Win32 application.\r\n") == 0, "'%s'",
	      buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL,
			   ERROR_INVALID_HANDLE, 0, buf, sizeof(buf), NULL);
	CHECK(strcmp(buf, "The handle is invalid. ") == 0, "MAX_WIDTH_MASK: '%s'", buf);
	SetLastError(0);
	CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x12345, 0, buf, sizeof(buf),
			     NULL) == 0 && GetLastError() == ERROR_MR_MID_NOT_FOUND,
	      "unknown id: %lu", GetLastError());
	CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, buf,
			     10, NULL) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
	      "small buffer: %lu", GetLastError());
	CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND,
			     MAKELANGID(0x07, SUBLANG_DEFAULT), buf, sizeof(buf), NULL) == 0 &&
	      GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND, "German: %lu", GetLastError());

	n = format_v(0, "%1 has %2!d! items%n%3!-4s!|%%%0 not this", buf, sizeof(buf), "box",
		     7, "ab");
	CHECK(n == 23 && strcmp(buf, "box has 7 items\r\nab  |%") == 0, "%lu '%s'", n, buf);
	n = format_v(0, "%1!s!=%2!04x!", buf, sizeof(buf), "v", 255);
	CHECK(n == 6 && strcmp(buf, "v=00ff") == 0, "hex: '%s'", buf);
	n = format_v(0, "%2!s! before %1!s!", buf, sizeof(buf), "one", "two");
	CHECK(n == 14 && strcmp(buf, "two before one") == 0, "reordered: '%s'", buf);
	n = format_v(FORMAT_MESSAGE_IGNORE_INSERTS, "keep %1 and %2!d!%n", buf, sizeof(buf));
	CHECK(strcmp(buf, "keep %1 and %2!d!\r\n") == 0, "IGNORE_INSERTS: '%s'", buf);
	n = format_v(0, "tab%tend%. %!% ", buf, sizeof(buf));
	CHECK(strcmp(buf, "tab\tend. ! ") == 0, "escapes: '%s'", buf);
	n = format_v(10, "aaaa bbbb cccc dddd", buf, sizeof(buf));
	CHECK(strcmp(buf, "aaaa bbbb\r\ncccc dddd") == 0, "width 10: '%s'", buf);
	n = format_v(0, "%1!S!/%2!ls!/%3!hs!/%4!C!/%5!ws!", buf, sizeof(buf), L"wide", L"w2", "n",
		     L'c', L"w3");
	CHECK(n == 14 && strcmp(buf, "wide/w2/n/c/w3") == 0, "S, ls, hs, C, ws inserts: '%s'",
	      buf);
	n = format_v(0, "%1!*d!", buf, sizeof(buf), 5, 42);
	CHECK(strcmp(buf, "   42") == 0, "star width: '%s'", buf);
	SetLastError(0);
	CHECK(format_v(0, "needs %1", buf, 0) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
	      "size 0: %lu", GetLastError());
	CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "needs %1", 0, 0, buf, sizeof(buf),
			     NULL) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
	      "no arguments: %lu", GetLastError());
	CHECK(FormatMessageA(0, NULL, 2, 0, buf, sizeof(buf), NULL) == 0 &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "no source: %lu", GetLastError());
}

static volatile unsigned long spin_sink;

static DWORD WINAPI short_thread(LPVOID arg)
{
	(void)arg;
	return 7;
}

static void cpu_times(void)
{
	FILETIME created, exited, kernel, user, now, idle, skernel, suser;
	DWORD start = GetTickCount();
	HANDLE t;

	while (GetTickCount() - start < 300)
		for (int i = 0; i < 10000; i++)
			spin_sink += i;
	GetSystemTimeAsFileTime(&now);
	CHECK(GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user),
	      "GetProcessTimes: %lu", GetLastError());
	CHECK(ft(&user) >= 1000000 && ft(&user) % 100000 == 0, "user time %llu after 300 ms",
	      ft(&user));
	CHECK(ft(&created) <= ft(&now) && ft(&now) - ft(&created) < 36000000000ull &&
	      ft(&exited) == 0, "created %llu now %llu exit %llu", ft(&created), ft(&now),
	      ft(&exited));
	CHECK(GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user) &&
	      ft(&user) >= 1000000, "GetThreadTimes: user %llu", ft(&user));
	SetLastError(0);
	CHECK(!GetProcessTimes((HANDLE)0x1230, &created, &exited, &kernel, &user) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad handle: %lu", GetLastError());
	CHECK(!GetThreadTimes(GetCurrentThread(), NULL, &exited, &kernel, &user) &&
	      GetLastError() == ERROR_NOACCESS, "NULL out: %lu", GetLastError());

	t = CreateThread(NULL, 0, short_thread, NULL, 0, NULL);
	CHECK(t && WaitForSingleObject(t, 5000) == WAIT_OBJECT_0, "thread");
	CHECK(GetThreadTimes(t, &created, &exited, &kernel, &user) && ft(&exited) >= ft(&created) &&
	      ft(&exited) != 0, "ended thread: created %llu exited %llu", ft(&created),
	      ft(&exited));
	CloseHandle(t);

	CHECK(GetSystemTimes(&idle, &skernel, &suser) && ft(&skernel) >= ft(&idle) &&
	      ft(&suser) >= 1000000, "GetSystemTimes idle %llu kernel %llu user %llu",
	      ft(&idle), ft(&skernel), ft(&suser));
	CHECK(GetSystemTimes(NULL, NULL, &suser), "GetSystemTimes takes NULLs");
}

static void names(void)
{
	STARTUPINFOA si;
	char buf[MAX_PATH];
	DWORD size;
	UINT n;

	memset(&si, 0xcc, sizeof(si));
	GetStartupInfoA(&si);
	CHECK(si.cb == sizeof(si) && si.lpReserved2 == NULL && si.cbReserved2 == 0,
	      "GetStartupInfoA cb %lu", si.cb);

	size = sizeof(buf);
	CHECK(GetComputerNameA(buf, &size) && size == strlen(buf) && size > 0 &&
	      size <= MAX_COMPUTERNAME_LENGTH, "GetComputerNameA '%s' %lu", buf, size);
	size = 2;
	SetLastError(0);
	CHECK(!GetComputerNameA(buf, &size) && GetLastError() == ERROR_BUFFER_OVERFLOW &&
	      size == strlen("VADOS") + 1, "small: %lu size %lu", GetLastError(), size);
	size = sizeof(buf);
	CHECK(GetUserNameA(buf, &size) && size == strlen(buf) + 1, "GetUserNameA '%s' %lu", buf,
	      size);
	size = 1;
	CHECK(!GetUserNameA(buf, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
	      size > 1, "GetUserNameA small: %lu %lu", GetLastError(), size);

	n = GetSystemDirectoryA(NULL, 0);
	CHECK(n > 3, "GetSystemDirectoryA needs %u", n);
	CHECK(GetSystemDirectoryA(buf, n) == n - 1 && strlen(buf) == n - 1 &&
	      buf[1] == ':' && buf[2] == '\\', "GetSystemDirectoryA '%s'", buf);
	CHECK(GetSystemDirectoryA(buf, n - 1) == n, "too small: the size needed");
	n = GetWindowsDirectoryA(buf, sizeof(buf));
	CHECK(n == strlen(buf) && n >= 3 && buf[1] == ':', "GetWindowsDirectoryA '%s'", buf);
}

static void lstr(void)
{
	char buf[16];

	CHECK(lstrlenA("hello") == 5 && lstrlenA(NULL) == 0 && lstrlenA((LPCSTR)16) == 0,
	      "lstrlenA");
	CHECK(lstrcpyA(buf, "abc") == buf && strcmp(buf, "abc") == 0, "lstrcpyA");
	CHECK(lstrcpyA((LPSTR)16, "abc") == NULL && lstrcpyA(buf, (LPCSTR)16) == NULL,
	      "lstrcpyA bad pointers");
	CHECK(lstrcatA(buf, "def") == buf && strcmp(buf, "abcdef") == 0, "lstrcatA");
	CHECK(lstrcpynA(buf, "hello", 3) == buf && strcmp(buf, "he") == 0, "lstrcpynA '%s'", buf);
	CHECK(lstrcpynA(buf, "hi", 10) == buf && strcmp(buf, "hi") == 0, "lstrcpynA short");
	CHECK(lstrcmpA("abc", "abc") == 0 && lstrcmpA("abc", "abd") < 0 &&
	      lstrcmpA("b", "a") > 0, "lstrcmpA");
	CHECK(lstrcmpA("abc", "ABC") < 0 && lstrcmpA("a", "B") < 0 && lstrcmpA("B", "a") > 0,
	      "lstrcmpA is a word sort, lowercase first");
	CHECK(lstrcmpiA("abc", "ABC") == 0 && lstrcmpiA("a", "B") < 0 &&
	      lstrcmpiA("abcd", "ABC") > 0, "lstrcmpiA");
	CHECK(lstrcmpA("coop", "co-op") < 0 && lstrcmpA("co-op", "cop") < 0,
	      "hyphens count last");
	CHECK(lstrcmpA(NULL, "a") < 0 && lstrcmpA("a", NULL) > 0 && lstrcmpA(NULL, NULL) == 0,
	      "NULL sorts first");
}

static DWORD WINAPI remote_thread(LPVOID arg)
{
	return (DWORD)(DWORD_PTR)arg;
}

static void priorities(void)
{
	HANDLE self = GetCurrentProcess(), t;
	SYSTEM_INFO si;
	DWORD code = 0;

	CHECK(GetPriorityClass(self) == NORMAL_PRIORITY_CLASS, "class 0x%lx",
	      GetPriorityClass(self));
	CHECK(SetPriorityClass(self, HIGH_PRIORITY_CLASS) &&
	      GetPriorityClass(self) == HIGH_PRIORITY_CLASS, "HIGH");
	CHECK(SetPriorityClass(self, BELOW_NORMAL_PRIORITY_CLASS) &&
	      GetPriorityClass(self) == BELOW_NORMAL_PRIORITY_CLASS, "BELOW_NORMAL");
	SetLastError(0);
	CHECK(!SetPriorityClass(self, 0x12345) && GetLastError() == ERROR_INVALID_PARAMETER &&
	      !SetPriorityClass(self, HIGH_PRIORITY_CLASS | IDLE_PRIORITY_CLASS) &&
	      GetPriorityClass(self) == BELOW_NORMAL_PRIORITY_CLASS, "bad class: %lu",
	      GetLastError());
	CHECK(SetPriorityClass(self, NORMAL_PRIORITY_CLASS), "back to NORMAL");
	CHECK(GetPriorityClass((HANDLE)0x1230) == 0 && GetLastError() == ERROR_INVALID_HANDLE,
	      "bad handle: %lu", GetLastError());
	CHECK(SetPriorityClass(self, PROCESS_MODE_BACKGROUND_BEGIN) &&
	      !SetPriorityClass(self, PROCESS_MODE_BACKGROUND_BEGIN) &&
	      SetPriorityClass(self, PROCESS_MODE_BACKGROUND_END) &&
	      !SetPriorityClass(self, PROCESS_MODE_BACKGROUND_END), "background mode");

	BOOL off = TRUE;
	CHECK(GetProcessPriorityBoost(self, &off) && !off, "boosts start enabled");
	CHECK(SetThreadPriorityBoost(GetCurrentThread(), TRUE) &&
	      GetThreadPriorityBoost(GetCurrentThread(), &off) && off &&
	      SetThreadPriorityBoost(GetCurrentThread(), FALSE) &&
	      GetThreadPriorityBoost(GetCurrentThread(), &off) && !off, "thread boost round trip");
	CHECK(SetProcessPriorityBoost(self, TRUE) && GetProcessPriorityBoost(self, &off) && off &&
	      GetThreadPriorityBoost(GetCurrentThread(), &off) && off, "process boost: %lu",
	      GetLastError());
	t = CreateThread(NULL, 0, remote_thread, NULL, CREATE_SUSPENDED, NULL);
	CHECK(t && GetThreadPriorityBoost(t, &off) && off, "a new thread inherits it");
	ResumeThread(t);
	WaitForSingleObject(t, 5000);
	CloseHandle(t);
	CHECK(SetProcessPriorityBoost(self, FALSE) && GetProcessPriorityBoost(self, &off) && !off,
	      "process boost back");
	SetLastError(0);
	CHECK(!GetThreadPriorityBoost((HANDLE)0x1230, &off) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad thread: %lu", GetLastError());

	GetSystemInfo(&si);
	CHECK(GetCurrentProcessorNumber() < si.dwNumberOfProcessors, "processor number");
	CHECK(GetActiveProcessorCount(ALL_PROCESSOR_GROUPS) == si.dwNumberOfProcessors &&
	      GetMaximumProcessorCount(0) == si.dwNumberOfProcessors, "processor counts");
	SetLastError(0);
	CHECK(GetActiveProcessorCount(7) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
	      "group 7: %lu", GetLastError());

	SYSTEM_LOGICAL_PROCESSOR_INFORMATION lpi[8];
	DWORD len = 0, cores = 0, edx;
	asm volatile("cpuid" : "=d"(edx) : "a"(1), "c"(0) : "ebx");
	CHECK(IsProcessorFeaturePresent(PF_RDTSC_INSTRUCTION_AVAILABLE) == !!(edx & 0x10) &&
	      IsProcessorFeaturePresent(PF_COMPARE_EXCHANGE_DOUBLE) == !!(edx & 0x100) &&
	      !IsProcessorFeaturePresent(PF_PAE_ENABLED) &&
	      IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE) ==
	      ((edx & 0x03000000) == 0x03000000) &&      /* FXSR and SSE: the kernel enables it */
	      !IsProcessorFeaturePresent(999), "IsProcessorFeaturePresent (cpuid edx 0x%08lx)", edx);
	SetLastError(0);
	CHECK(sizeof(lpi[0]) == 24 && !GetLogicalProcessorInformation(NULL, &len) &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER && len && len % 24 == 0 &&
	      len <= sizeof(lpi), "sizing: %lu %lu", GetLastError(), len);
	CHECK(GetLogicalProcessorInformation(lpi, &len), "GetLogicalProcessorInformation");
	for (DWORD i = 0; i < len / sizeof(lpi[0]); i++)
		if (lpi[i].Relationship == RelationProcessorCore)
			cores++;
	CHECK(cores == si.dwNumberOfProcessors, "%lu cores", cores);

	t = CreateRemoteThread(self, NULL, 0, remote_thread, (LPVOID)55, 0, NULL);
	CHECK(t && WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 &&
	      GetExitCodeThread(t, &code) && code == 55, "CreateRemoteThread: %lu", code);
	if (t)
		CloseHandle(t);
	SetLastError(0);
	CHECK(!CreateRemoteThread((HANDLE)0x1230, NULL, 0, remote_thread, NULL, 0, NULL) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "bad process: %lu", GetLastError());
}

/* Where SetThreadContext sends threads: notes EAX and EBX, then
 * ExitThread(99). */
volatile DWORD k32_seen_eax, k32_seen_ebx;
void k32_redirected(void);
__asm__(".text\n"
	".globl k32_redirected\n"
	"k32_redirected:\n\t"
	"movl %eax, k32_seen_eax\n\t"
	"movl %ebx, k32_seen_ebx\n\t"
	"andl $-16, %esp\n\t"
	"pushl $99\n\t"
	"call ExitThread\n");

static volatile LONG spinning;

static DWORD WINAPI spinner(LPVOID arg)
{
	(void)arg;
	spinning = 1;
	for (;;)
		spin_sink++;
	return 0;
}

static void contexts(void)
{
	CONTEXT c;
	DWORD code = 0;
	HANDLE t, limited;

	t = CreateThread(NULL, 0, short_thread, NULL, CREATE_SUSPENDED, NULL);
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_FULL;
	CHECK(t && GetThreadContext(t, &c), "GetThreadContext of a new thread: %lu",
	      GetLastError());
	CHECK(c.Eip != 0 && c.Esp != 0 && (c.SegCs & 3) == 3 && (c.SegSs & 3) == 3 &&
	      (c.EFlags & 0x200), "new thread: eip %08lx esp %08lx cs %lx flags %lx", c.Eip,
	      c.Esp, c.SegCs, c.EFlags);
	c.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
	c.Eip = (DWORD)k32_redirected;
	c.Eax = 0x1234;
	c.Ebx = 0x5678;
	CHECK(SetThreadContext(t, &c), "SetThreadContext: %lu", GetLastError());
	ResumeThread(t);
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 && GetExitCodeThread(t, &code) &&
	      code == 99 && k32_seen_eax == 0x1234 && k32_seen_ebx == 0x5678,
	      "redirected new thread: exit %lu eax %lx ebx %lx", code, k32_seen_eax,
	      k32_seen_ebx);
	CloseHandle(t);

	t = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
	while (!spinning)
		Sleep(1);
	CHECK(SuspendThread(t) == 0, "SuspendThread");
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_CONTROL;
	CHECK(GetThreadContext(t, &c) && c.Eip && c.Ebx == 0 && c.SegDs == 0,
	      "CONTROL only: eip %08lx, integer and segment groups untouched", c.Eip);
	c.SegCs = 0x08;                 /* the kernel's */
	SetLastError(0);
	CHECK(!SetThreadContext(t, &c) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "kernel CS: %lu", GetLastError());
	limited = OpenThread(THREAD_QUERY_INFORMATION, FALSE, GetThreadId(t));
	CHECK(limited && !GetThreadContext(limited, &c) && GetLastError() == ERROR_ACCESS_DENIED,
	      "no THREAD_GET_CONTEXT: %lu", GetLastError());
	CloseHandle(limited);
	c.ContextFlags = CONTEXT_FULL;
	CHECK(GetThreadContext(t, &c), "full");
	c.Eip = (DWORD)k32_redirected;
	c.Eax = 0xabc;
	CHECK(SetThreadContext(t, &c), "SetThreadContext of a suspended thread");
	ResumeThread(t);
	CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 && GetExitCodeThread(t, &code) &&
	      code == 99 && k32_seen_eax == 0xabc, "redirected spinner: %lu %lx", code,
	      k32_seen_eax);
	CloseHandle(t);
	SetLastError(0);
	CHECK(!GetThreadContext((HANDLE)0x1230, &c) && GetLastError() == ERROR_INVALID_HANDLE,
	      "bad handle: %lu", GetLastError());
}

int main(void)
{
	macros();
	counters();
	version();
	debugging();
	messages();
	cpu_times();
	names();
	lstr();
	priorities();
	contexts();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
