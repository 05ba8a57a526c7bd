/* Shared by the section tests: memory-status figures, and one access under
 * a vectored handler that reports whether it raised an access violation.
 * Include after check.h. */
#ifndef TESTS_USER_SECTION_COMMON_H
#define TESTS_USER_SECTION_COMMON_H

#include <windows.h>
#include <psapi.h>

#define SPAGE 4096u
#define GRANULE 65536u

static volatile DWORD sec_resume_at, sec_av_code, sec_av_addr;

static LONG CALLBACK sec_handler(PEXCEPTION_POINTERS ep)
{
	if (ep->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION || !sec_resume_at)
		return EXCEPTION_CONTINUE_SEARCH;
	sec_av_code = ep->ExceptionRecord->ExceptionCode;
	sec_av_addr = ep->ExceptionRecord->ExceptionInformation[1];
	ep->ContextRecord->Eip = sec_resume_at;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Installs the handler (once per process). */
static inline void sec_catch_avs(void)
{
	AddVectoredExceptionHandler(1, sec_handler);
}

/* Reads (write 0) or writes the word at addr (writing value); whether that
 * raised an access violation at addr. */
static inline BOOL sec_faults(volatile DWORD *addr, int write, DWORD value)
{
	sec_av_code = 0;
	if (write)
		asm volatile("movl $1f, %0\n\tmovl %2, (%1)\n1:"
			     : "=m"(sec_resume_at) : "r"(addr), "r"(value) : "memory");
	else
		asm volatile("movl $1f, %0\n\tmovl (%1), %%eax\n1:"
			     : "=m"(sec_resume_at) : "r"(addr) : "eax", "memory");
	sec_resume_at = 0;
	return sec_av_code == STATUS_ACCESS_VIOLATION && sec_av_addr == (DWORD)addr;
}

/* The machine's commit charge in bytes (limit minus what is left). */
static inline DWORDLONG sec_commit_charge(void)
{
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

	GlobalMemoryStatusEx(&ms);
	return ms.ullTotalPageFile - ms.ullAvailPageFile;
}

/* QueryWorkingSetEx's block of the page at p in this process. */
static inline PSAPI_WORKING_SET_EX_BLOCK sec_ws_ex(void *p)
{
	PSAPI_WORKING_SET_EX_INFORMATION info = { .VirtualAddress = p };

	QueryWorkingSetEx(GetCurrentProcess(), &info, sizeof(info));
	return info.VirtualAttributes;
}

#endif
