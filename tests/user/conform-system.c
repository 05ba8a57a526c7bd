/* System information, memory status, psapi and structured exceptions
 * against Microsoft's documentation: GetSystemInfo/GetNativeSystemInfo,
 * GlobalMemoryStatus(Ex), GetPerformanceInfo, GetProcessMemoryInfo,
 * QueryWorkingSet(Ex), EnumProcesses, EnumProcessModules, GetModuleHandleA/GetModuleFileNameA, IsBad*Ptr, RaiseException's
 * record (flags, arguments cut to EXCEPTION_MAXIMUM_PARAMETERS, none without
 * lpArguments), an access violation's ExceptionInformation (read 0, write 1,
 * execute 8), vectored exception and continue
 * handlers' order and removal, and SetUnhandledExceptionFilter: the previous
 * filter back, a filter that continues, and (in a child, "execute") one that
 * answers EXCEPTION_EXECUTE_HANDLER: the process ends with the code. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "conform-system"
#include "check.h"

static void system_info(void)
{
	SYSTEM_INFO si, native;
	uint32_t eax, ebx, ecx, edx;

	memset(&si, 0xcc, sizeof(si));
	GetSystemInfo(&si);
	GetNativeSystemInfo(&native);
	CHECK(si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL && si.dwPageSize == 4096 &&
	      si.dwAllocationGranularity == 65536, "arch %u page %lu granularity %lu",
	      si.wProcessorArchitecture, si.dwPageSize, si.dwAllocationGranularity);
	CHECK(si.lpMinimumApplicationAddress == (LPVOID)0x10000 &&
	      si.lpMaximumApplicationAddress == (LPVOID)0x7FFEFFFF, "%p..%p",
	      si.lpMinimumApplicationAddress, si.lpMaximumApplicationAddress);
	CHECK(si.dwNumberOfProcessors >= 1 &&
	      si.dwActiveProcessorMask == (1ul << si.dwNumberOfProcessors) - 1,
	      "%lu processors, mask 0x%lx", si.dwNumberOfProcessors, si.dwActiveProcessorMask);
	asm volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(1), "c"(0));
	CHECK((si.wProcessorRevision & 0xFF) == (eax & 0xF) &&
	      (si.wProcessorLevel == ((eax >> 8) & 0xF) || (eax >> 8 & 0xF) == 0xF),
	      "level %u revision 0x%04x, cpuid 0x%08lx", si.wProcessorLevel,
	      si.wProcessorRevision, (unsigned long)eax);
	CHECK(si.dwProcessorType == (si.wProcessorLevel >= 5 ? PROCESSOR_INTEL_PENTIUM
							      : PROCESSOR_INTEL_486),
	      "type %lu", si.dwProcessorType);
	CHECK(memcmp(&si, &native, sizeof(si)) == 0, "GetNativeSystemInfo differs");
}

static void memory_status(void)
{
	MEMORYSTATUSEX ex = { .dwLength = 0 };
	MEMORYSTATUS m;
	PERFORMANCE_INFORMATION pi;

	SetLastError(0);
	CHECK(!GlobalMemoryStatusEx(&ex) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "dwLength 0: error %lu", GetLastError());
	ex.dwLength = sizeof(ex);
	CHECK(GlobalMemoryStatusEx(&ex), "error %lu", GetLastError());
	memset(&m, 0xcc, sizeof(m));
	GlobalMemoryStatus(&m);
	CHECK(m.dwLength == sizeof(m) && m.dwTotalPhys == ex.ullTotalPhys &&
	      m.dwTotalPageFile == ex.ullTotalPageFile && m.dwTotalVirtual == 0x7FFE0000 &&
	      m.dwAvailVirtual <= m.dwTotalVirtual && m.dwMemoryLoad <= 100,
	      "length %lu phys %lu virtual 0x%lx", m.dwLength, m.dwTotalPhys, m.dwTotalVirtual);

	HANDLE self;            /* a handle for HandleCount to count */
	DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &self, 0,
			FALSE, DUPLICATE_SAME_ACCESS);
	ULONGLONG kb = 0;
	SetLastError(0);
	CHECK(!GetPhysicallyInstalledSystemMemory(NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
	      "NULL: error %lu", GetLastError());
	CHECK(GetPhysicallyInstalledSystemMemory(&kb) && kb >= ex.ullTotalPhys / 1024,
	      "%llu KB", kb);
	SetLastError(0);
	CHECK(!GetPerformanceInfo(&pi, sizeof(pi) - 1) && GetLastError() == ERROR_BAD_LENGTH,
	      "cb too small: error %lu", GetLastError());
	CHECK(GetPerformanceInfo(&pi, sizeof(pi)), "error %lu", GetLastError());
	CHECK(pi.cb == sizeof(pi) && pi.PageSize == 4096 &&
	      (DWORDLONG)pi.PhysicalTotal * 4096 == ex.ullTotalPhys &&
	      (DWORDLONG)pi.CommitLimit * 4096 == ex.ullTotalPageFile,
	      "cb %lu page %lu physical %lu limit %lu", pi.cb, pi.PageSize, pi.PhysicalTotal,
	      pi.CommitLimit);
	CHECK(pi.CommitTotal > 0 && pi.CommitTotal <= pi.CommitLimit &&
	      pi.CommitPeak >= pi.CommitTotal && pi.PhysicalAvailable <= pi.PhysicalTotal,
	      "commit %lu peak %lu limit %lu", pi.CommitTotal, pi.CommitPeak, pi.CommitLimit);
	CHECK(pi.KernelTotal > 0 && pi.KernelTotal == pi.KernelPaged + pi.KernelNonpaged,
	      "kernel %lu = %lu + %lu", pi.KernelTotal, pi.KernelPaged, pi.KernelNonpaged);
	CHECK(pi.ProcessCount >= 1 && pi.ThreadCount >= pi.ProcessCount && pi.HandleCount >= 1,
	      "%lu processes %lu threads %lu handles", pi.ProcessCount, pi.ThreadCount,
	      pi.HandleCount);
	CloseHandle(self);
}

static void process_memory(void)
{
	PROCESS_MEMORY_COUNTERS_EX c;
	char buf[4096];
	PSAPI_WORKING_SET_INFORMATION *ws = (void *)buf;

	SetLastError(0);
	CHECK(!GetProcessMemoryInfo(GetCurrentProcess(), (void *)&c, sizeof(DWORD)) &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER, "cb 4: error %lu", GetLastError());
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), (void *)&c, sizeof(c)) &&
	      c.cb == sizeof(c) && c.PrivateUsage > 0, "_EX: cb %lu private %lu", c.cb,
	      c.PrivateUsage);
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), (void *)&c,
				   sizeof(PROCESS_MEMORY_COUNTERS)) &&
	      c.WorkingSetSize > 0 && c.PeakWorkingSetSize >= c.WorkingSetSize, "error %lu",
	      GetLastError());

	ws->NumberOfEntries = 0;
	SetLastError(0);
	CHECK(!QueryWorkingSet(GetCurrentProcess(), ws, 2 * sizeof(ULONG_PTR)) &&
	      GetLastError() == ERROR_BAD_LENGTH && ws->NumberOfEntries > 1,
	      "room for 1: error %lu, %lu entries", GetLastError(), ws->NumberOfEntries);
	PSAPI_WORKING_SET_EX_INFORMATION ex = { .VirtualAddress = buf };
	CHECK(QueryWorkingSetEx(GetCurrentProcess(), &ex, sizeof(ex)) &&
	      ex.VirtualAttributes.Valid, "the stack page: error %lu", GetLastError());
	CHECK(EmptyWorkingSet(GetCurrentProcess()), "error %lu", GetLastError());

	DWORD pids[64], one, needed = 0;
	BOOL mine = FALSE;
	CHECK(EnumProcesses(pids, sizeof(pids), &needed) && needed >= sizeof(DWORD) &&
	      needed % sizeof(DWORD) == 0, "EnumProcesses: needed %lu", needed);
	for (DWORD i = 0; i < needed / sizeof(DWORD); i++)
		mine |= pids[i] == GetCurrentProcessId();
	CHECK(mine, "EnumProcesses does not list pid %lu", GetCurrentProcessId());
	CHECK(EnumProcesses(&one, sizeof(one), &needed) && needed == sizeof(DWORD),
	      "room for one: needed %lu", needed);
	HMODULE mod = NULL;
	CHECK(EnumProcessModules(GetCurrentProcess(), &mod, sizeof(mod), &needed) &&
	      needed == sizeof(HMODULE) && mod == GetModuleHandleA(NULL),
	      "EnumProcessModules: %p needed %lu", mod, needed);
	CHECK(EnumProcessModules(GetCurrentProcess(), NULL, 0, &needed) &&
	      needed == sizeof(HMODULE), "no room: needed %lu", needed);
}

static void module(void)
{
	char name[MAX_PATH], small[4];
	DWORD n;

	CHECK(GetModuleHandleA(NULL) != NULL, "GetModuleHandleA(NULL)");
	n = GetModuleFileNameA(NULL, name, sizeof(name));
	CHECK(n > 0 && n < sizeof(name) && strlen(name) == n, "%lu \"%s\"", n, name);
	memset(small, 'x', sizeof(small));
	SetLastError(0);
	CHECK(GetModuleFileNameA(NULL, small, sizeof(small)) == sizeof(small) &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER && small[3] == 0 &&
	      memcmp(small, name, 3) == 0, "cut to 4: error %lu", GetLastError());
	SetLastError(0);
	CHECK(!GetModuleHandleA("no-such-module.dll") && GetLastError() == ERROR_MOD_NOT_FOUND,
	      "error %lu", GetLastError());
}

int main(int argc, char **argv);

static void pointer_checks(void)
{
	char local[8] = "abc";

	CHECK(!IsBadReadPtr(NULL, 0) && !IsBadWritePtr(NULL, 0), "0 bytes at NULL are fine");
	CHECK(IsBadReadPtr(NULL, 1) && IsBadWritePtr(NULL, 1) && IsBadCodePtr(NULL),
	      "NULL is bad");
	CHECK(!IsBadReadPtr(local, sizeof(local)) && !IsBadWritePtr(local, sizeof(local)),
	      "the stack is good");
	CHECK(IsBadWritePtr((LPVOID)main, 1) && !IsBadReadPtr((const void *)main, 1),
	      "code is readable, not writable");
	CHECK(!IsBadStringPtrA(local, 100) && IsBadStringPtrA(NULL, 1), "IsBadStringPtrA");
	CHECK(IsBadHugeReadPtr(NULL, 1) && !IsBadHugeWritePtr(local, sizeof(local)),
	      "IsBadHuge*Ptr");
}

/* What the handlers saw. */
static EXCEPTION_RECORD seen;
static int order[4], calls;

static LONG CALLBACK record(PEXCEPTION_POINTERS ep)
{
	seen = *ep->ExceptionRecord;
	order[calls++ & 3] = 1;
	return EXCEPTION_CONTINUE_SEARCH;
}

static DWORD resume_at;         /* where an access violation resumes */

static LONG CALLBACK take(PEXCEPTION_POINTERS ep)
{
	order[calls++ & 3] = 2;
	if (ep->ExceptionRecord->ExceptionCode == STATUS_ACCESS_VIOLATION)
		ep->ContextRecord->Eip = resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK after(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	order[calls++ & 3] = 3;
	return EXCEPTION_CONTINUE_SEARCH;
}

static void raise_records(void)
{
	ULONG_PTR args[20];
	PVOID first = AddVectoredExceptionHandler(1, record), last;
	PVOID cont = AddVectoredContinueHandler(1, after);

	for (int i = 0; i < 20; i++)
		args[i] = 100 + i;
	last = AddVectoredExceptionHandler(0, take);
	calls = 0;
	RaiseException(0xE0000001, 0, 20, args);
	CHECK(seen.ExceptionCode == 0xE0000001 && seen.ExceptionFlags == 0 &&
	      seen.NumberParameters == EXCEPTION_MAXIMUM_PARAMETERS &&
	      seen.ExceptionInformation[14] == 114 && seen.ExceptionAddress != NULL,
	      "20 arguments: code 0x%lx flags %lu, %lu parameters", seen.ExceptionCode,
	      seen.ExceptionFlags, seen.NumberParameters);
	CHECK(calls == 3 && order[0] == 1 && order[1] == 2 && order[2] == 3,
	      "%d calls, order %d %d %d", calls, order[0], order[1], order[2]);
	CHECK(!RemoveVectoredExceptionHandler(cont) && RemoveVectoredContinueHandler(cont) &&
	      !RemoveVectoredContinueHandler(cont), "removing the continue handler");

	RaiseException(0xE0000002, 0, 3, NULL);
	CHECK(seen.ExceptionCode == 0xE0000002 && seen.NumberParameters == 0,
	      "no lpArguments: %lu parameters", seen.NumberParameters);
	RaiseException(0xE0000003, 0x10, 2, args);
	CHECK(seen.ExceptionFlags == 0 && seen.NumberParameters == 2 &&
	      seen.ExceptionInformation[1] == 101, "flags 0x%lx", seen.ExceptionFlags);

	/* An access violation's record: [0] 1 for a write, [1] the address. */
	volatile DWORD bad = 0x100;
	asm volatile("movl $1f, %0\n\tmovl $7, (%1)\n1:" : "=m"(resume_at) : "r"(bad) : "memory");
	CHECK(seen.ExceptionCode == STATUS_ACCESS_VIOLATION && seen.NumberParameters == 2 &&
	      seen.ExceptionInformation[0] == 1 && seen.ExceptionInformation[1] == 0x100,
	      "write: %lu parameters, [0] %lu [1] 0x%lx", seen.NumberParameters,
	      seen.ExceptionInformation[0], seen.ExceptionInformation[1]);
	asm volatile("movl $1f, %0\n\tcmpl $7, (%1)\n1:" : "=m"(resume_at) : "r"(bad)
		     : "memory", "cc");
	CHECK(seen.ExceptionCode == STATUS_ACCESS_VIOLATION && seen.ExceptionInformation[0] == 0,
	      "read: [0] %lu", seen.ExceptionInformation[0]);
	asm volatile("movl $1f, %0\n\tjmp *%1\n1:" : "=m"(resume_at) : "r"(bad) : "memory");
	CHECK(seen.ExceptionCode == STATUS_ACCESS_VIOLATION && seen.ExceptionInformation[0] == 8 &&
	      seen.ExceptionInformation[1] == 0x100 && seen.ExceptionAddress == (PVOID)0x100,
	      "execute: [0] %lu [1] 0x%lx at %p", seen.ExceptionInformation[0],
	      seen.ExceptionInformation[1], seen.ExceptionAddress);

	CHECK(RemoveVectoredExceptionHandler(last) && !RemoveVectoredExceptionHandler(last),
	      "removing twice");
	CHECK(RemoveVectoredExceptionHandler(first), "removing the first");
}

static LONG WINAPI filter_a(PEXCEPTION_POINTERS ep)
{
	seen = *ep->ExceptionRecord;
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG WINAPI filter_b(PEXCEPTION_POINTERS ep)
{
	(void)ep;
	return EXCEPTION_EXECUTE_HANDLER;
}

static void top_level_filter(const char *self)
{
	EXCEPTION_RECORD rec = { .ExceptionCode = 0xE0000009 };
	EXCEPTION_POINTERS ep = { &rec, NULL };
	PROCESS_INFORMATION child;
	char cmdline[MAX_PATH + 16];
	DWORD code = 0;

	CHECK(SetUnhandledExceptionFilter(filter_a) == NULL, "a filter was set before");
	CHECK(SetUnhandledExceptionFilter(filter_b) == filter_a, "not the previous filter");
	CHECK(UnhandledExceptionFilter(&ep) == EXCEPTION_EXECUTE_HANDLER, "filter_b's answer");
	SetUnhandledExceptionFilter(filter_a);
	seen.ExceptionCode = 0;
	RaiseException(0xE0000004, 0, 0, NULL);
	CHECK(seen.ExceptionCode == 0xE0000004, "the filter saw 0x%lx", seen.ExceptionCode);
	CHECK(SetUnhandledExceptionFilter(NULL) == filter_a, "not the previous filter");

	snprintf(cmdline, sizeof(cmdline), "%s execute", self);
	if (!CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &child)) {
		CHECK(0, "cannot start \"%s\": error %lu", cmdline, GetLastError());
		return;
	}
	WaitForSingleObject(child.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(child.hProcess, &code) && code == 0xE0000005,
	      "the child ended with 0x%lx", code);
	CloseHandle(child.hProcess);
	CloseHandle(child.hThread);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "execute") == 0) {
		SetUnhandledExceptionFilter(filter_b);
		RaiseException(0xE0000005, 0, 0, NULL);
		printf(TEST_NAME ": the child went on\n");
		return 1;
	}
	system_info();
	memory_status();
	process_memory();
	module();
	pointer_checks();
	raise_records();
	top_level_filter(argv[0]);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
