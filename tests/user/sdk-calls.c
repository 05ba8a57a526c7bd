/* kernel32 and C library calls that need no kernel object, against
 * Microsoft's documented behaviour:
 *
 *   sdk-calls one two       GetCommandLineA, GetModuleHandleA, GetModuleFileNameA
 *       (truncation, bad buffers, other modules), FlushInstructionCache (code
 *       written at run time then called; bad handles), GetLargePageMinimum,
 *       realloc's failure and shrink, calloc(0, n), EmptyWorkingSet; exits through ExitProcess(0)
 *       from a nested call, and an atexit function still runs.
 *   sdk-calls exit-status   ExitProcess(7): the status, after the atexit function */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "sdk-calls"
#include "check.h"

#define KERNEL_ADDRESS ((LPSTR)0x80001000)

static void command_line(void)
{
	LPSTR line = GetCommandLineA();

	CHECK(strcmp(line, "sdk-calls one two") == 0, "GetCommandLineA: \"%s\"", line);
	CHECK(GetCommandLineA() == line, "a second call gave another buffer");
}

static void module_handle(void)
{
	HMODULE base = GetModuleHandleA(NULL);
	MEMORY_BASIC_INFORMATION m;

	/* The image's base, wherever ASLR put it: a 64 KB multiple, the
	 * allocation holding this code. */
	CHECK((DWORD)base % 0x10000 == 0 && VirtualQuery((void *)module_handle, &m, sizeof(m)) &&
	      m.AllocationBase == (void *)base && m.Type == MEM_IMAGE,
	      "GetModuleHandleA(NULL) = %p", base);
	CHECK(memcmp(base, "\177ELF", 4) == 0, "no ELF header at the module handle");
	CHECK(GetModuleHandleA("SDK-Calls") == base, "by its own name, any case");
	CHECK(GetModuleHandleA("sdk-calls.EXE") == base, "by its file's name, NAME.exe");
	SetLastError(0);
	CHECK(GetModuleHandleA("sdk-calls.dll") == NULL && GetModuleHandleA("sdk-call") == NULL &&
	      GetModuleHandleA("sdk-calls.exe2") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
	      "near names: error %lu", GetLastError());
	SetLastError(0);
	CHECK(GetModuleHandleA("notloaded.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
	      "a module not loaded: error %lu", GetLastError());
	SetLastError(0);
	CHECK(GetModuleHandleA(KERNEL_ADDRESS) == NULL && GetLastError() == ERROR_NOACCESS,
	      "an unreadable name: error %lu", GetLastError());
}

static void module_file_name(void)
{
	char buf[MAX_PATH], small[5];

	CHECK(GetModuleFileNameA(NULL, buf, sizeof(buf)) == 9 && strcmp(buf, "sdk-calls") == 0,
	      "GetModuleFileNameA(NULL): \"%s\"", buf);
	CHECK(GetModuleFileNameA(GetModuleHandleA(NULL), buf, 10) == 9, "by its handle, exact fit");
	SetLastError(0);
	memset(small, 'x', sizeof(small));
	CHECK(GetModuleFileNameA(NULL, small, sizeof(small)) == sizeof(small) &&
	      GetLastError() == ERROR_INSUFFICIENT_BUFFER && strcmp(small, "sdk-") == 0,
	      "too small a buffer: error %lu, \"%.5s\"", GetLastError(), small);
	SetLastError(0);
	CHECK(GetModuleFileNameA(NULL, KERNEL_ADDRESS, MAX_PATH) == 0 &&
	      GetLastError() == ERROR_NOACCESS, "a kernel buffer: error %lu", GetLastError());
	SetLastError(0);
	CHECK(GetModuleFileNameA((HMODULE)0x10000000, buf, sizeof(buf)) == 0 &&
	      GetLastError() == ERROR_MOD_NOT_FOUND, "another module: error %lu", GetLastError());
}

/* Writes "mov eax, 42; ret" into fresh memory, flushes and calls it. */
static void instruction_cache(void)
{
	static const unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };
	unsigned char *page = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE,
					   PAGE_EXECUTE_READWRITE);

	CHECK(page != NULL, "VirtualAlloc: error %lu", GetLastError());
	if (!page)
		return;
	memcpy(page, code, sizeof(code));
	CHECK(FlushInstructionCache(GetCurrentProcess(), page, sizeof(code)), "flush: error %lu",
	      GetLastError());
	CHECK(((int (*)(void))page)() == 42, "the written code did not return 42");
	SetLastError(0);
	CHECK(!FlushInstructionCache((HANDLE)0x1234, page, 6) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a bad handle: error %lu", GetLastError());
	VirtualFree(page, 0, MEM_RELEASE);
	CHECK(GetLargePageMinimum() == 4u << 20, "GetLargePageMinimum %lu", GetLargePageMinimum());
}

static SIZE_T working_set(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.WorkingSetSize;
}

/* 64 pages only read (clean: they can go without swap) leave the working
 * set with EmptyWorkingSet. */
static void empty_working_set(void)
{
	volatile char *p = VirtualAlloc(NULL, 64 * 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	SIZE_T full;
	int sum = 0;

	for (int i = 0; i < 64; i++)
		sum += p[i * 4096];
	full = working_set();
	CHECK(sum == 0 && EmptyWorkingSet(GetCurrentProcess()), "error %lu", GetLastError());
	CHECK(full >= 64 * 4096 && working_set() <= full - 60 * 4096,
	      "working set %lu -> %lu bytes", full, working_set());
	SetLastError(0);
	CHECK(!EmptyWorkingSet((HANDLE)0x1234) && GetLastError() == ERROR_INVALID_HANDLE,
	      "a bad handle: error %lu", GetLastError());
	VirtualFree((LPVOID)p, 0, MEM_RELEASE);
}

/* realloc keeps the block when it fails and its prefix when it shrinks. */
static void c_allocation(void)
{
	char *p = malloc(64), *q;
	void *z = calloc(0, 16);

	strcpy(p, "stays put");
	q = realloc(p, 0x7ff00000);
	CHECK(q == NULL && strcmp(p, "stays put") == 0, "a failed realloc changed the block");
	q = realloc(p, 6);
	CHECK(q && memcmp(q, "stays ", 6) == 0, "realloc shrink lost the prefix");
	CHECK(z != NULL && z != q, "calloc(0, 16) gave %p", z);
	free(q);
	free(z);
}

static void said_goodbye(void)
{
	printf("sdk-calls: the atexit function ran\n");
}

static void __attribute__((noreturn)) leave(UINT status)
{
	printf("sdk-calls: %d failures\n", failures);
	ExitProcess(failures ? 1 : status);
}

int main(int argc, char **argv)
{
	atexit(said_goodbye);
	if (argc > 1 && strcmp(argv[1], "exit-status") == 0)
		leave(7);
	command_line();
	module_handle();
	module_file_name();
	instruction_cache();
	c_allocation();
	empty_working_set();
	leave(0);
}
