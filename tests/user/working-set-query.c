/* QueryWorkingSet and QueryWorkingSetEx (psapi) against their contracts:
 * the list holds exactly the resident pages, in address order, as many as
 * GetProcessMemoryInfo's WorkingSetSize says, each with psapi's protection
 * code (4 read-write, 1 read-only, 3 execute-read for code); pages never
 * touched are absent; too small a buffer gives FALSE with ERROR_BAD_LENGTH
 * and the count; the Ex form says Valid, Win32Protection and Locked per
 * address (all 0 for a page not resident); another process can be asked
 * through its handle; a bad handle is ERROR_INVALID_HANDLE. */
#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "working-set-query"
#include "check.h"

#define PAGE  4096u
#define ROOM  4096u

static ULONG_PTR buffer[1 + ROOM];
static PSAPI_WORKING_SET_INFORMATION *const info = (PSAPI_WORKING_SET_INFORMATION *)buffer;

/* The working-set entry of the page holding p, or NULL. */
static const PSAPI_WORKING_SET_BLOCK *entry_of(const void *p)
{
	for (ULONG_PTR i = 0; i < info->NumberOfEntries && i < ROOM; i++)
		if (info->WorkingSetInfo[i].VirtualPage == (ULONG_PTR)p >> 12)
			return &info->WorkingSetInfo[i];
	return NULL;
}

static SIZE_T working_set_pages(void)
{
	PROCESS_MEMORY_COUNTERS c;

	GetProcessMemoryInfo(GetCurrentProcess(), &c, sizeof(c));
	return c.WorkingSetSize / PAGE;
}

static void list(char *p)
{
	const PSAPI_WORKING_SET_BLOCK *e;
	int sorted = 1;

	CHECK(QueryWorkingSet(GetCurrentProcess(), buffer, sizeof(buffer)), "error %lu",
	      GetLastError());
	SIZE_T pages = working_set_pages();
	CHECK(info->NumberOfEntries + 2 >= pages && info->NumberOfEntries <= pages + 2,
	      "%lu entries, WorkingSetSize %lu pages", info->NumberOfEntries, pages);
	for (ULONG_PTR i = 1; i < info->NumberOfEntries; i++)
		sorted &= info->WorkingSetInfo[i - 1].VirtualPage < info->WorkingSetInfo[i].VirtualPage;
	CHECK(sorted, "not in address order");
	CHECK((e = entry_of(p)) && e->Protection == 4 && !e->Shared && !e->ShareCount,
	      "a written page: protection %lu", e ? (ULONG_PTR)e->Protection : 99);
	CHECK((e = entry_of(p + PAGE)) && e->Protection == 1, "the read-only page");
	CHECK((e = entry_of((void *)list)) && e->Protection == 3, "the code");
	CHECK(!entry_of(p + 20 * PAGE), "a page never touched");
}

static void too_small(void)
{
	PSAPI_WORKING_SET_INFORMATION one;

	SetLastError(0);
	CHECK(!QueryWorkingSet(GetCurrentProcess(), &one, sizeof(one)) &&
	      GetLastError() == ERROR_BAD_LENGTH && one.NumberOfEntries > 10,
	      "room for one: error %lu, %lu entries", GetLastError(), one.NumberOfEntries);
	SetLastError(0);
	CHECK(!QueryWorkingSet(GetCurrentProcess(), &one, 2) && GetLastError() == ERROR_BAD_LENGTH,
	      "2 bytes");
	SetLastError(0);
	CHECK(!QueryWorkingSet((HANDLE)0x1234, buffer, sizeof(buffer)) &&
	      GetLastError() == ERROR_INVALID_HANDLE, "a bad handle: %lu", GetLastError());
}

static void ex(char *p)
{
	PSAPI_WORKING_SET_EX_INFORMATION q[4] = {
		{ p, { 0 } }, { p + PAGE, { 0 } }, { p + 20 * PAGE, { 0 } },
		{ (PVOID)0x80000000, { 0 } },
	};

	CHECK(QueryWorkingSetEx(GetCurrentProcess(), q, sizeof(q)), "error %lu", GetLastError());
	CHECK(q[0].VirtualAttributes.Valid && q[0].VirtualAttributes.Locked &&
	      q[0].VirtualAttributes.Win32Protection == PAGE_READWRITE, "the locked page: 0x%lx",
	      q[0].VirtualAttributes.Flags);
	CHECK(q[1].VirtualAttributes.Valid && !q[1].VirtualAttributes.Locked &&
	      q[1].VirtualAttributes.Win32Protection == PAGE_READONLY, "the read-only page: 0x%lx",
	      q[1].VirtualAttributes.Flags);
	CHECK(q[2].VirtualAttributes.Flags == 0 && q[3].VirtualAttributes.Flags == 0,
	      "not resident: 0x%lx, 0x%lx", q[2].VirtualAttributes.Flags,
	      q[3].VirtualAttributes.Flags);
}

/* A child that waits to be asked about. */
static void another_process(void)
{
	char cmd[] = "working-set-query child";
	PROCESS_INFORMATION pi;

	CHECK(CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, NULL, &pi), "spawn");
	Sleep(200);
	CHECK(QueryWorkingSet(pi.hProcess, buffer, sizeof(buffer)) && info->NumberOfEntries > 3,
	      "the child: error %lu, %lu entries", GetLastError(), info->NumberOfEntries);
	TerminateProcess(pi.hProcess, 0);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
}

int main(int argc, char **argv)
{
	char *p = VirtualAlloc(NULL, 32 * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	DWORD old;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		Sleep(INFINITE);
		return 0;
	}
	memset(buffer, 0, sizeof(buffer));
	for (int i = 0; i < 10; i++)
		p[i * PAGE] = 1;
	VirtualProtect(p + PAGE, PAGE, PAGE_READONLY, &old);
	VirtualLock(p, PAGE);
	list(p);
	too_small();
	ex(p);
	another_process();
	printf("working-set-query: %d failures\n", failures);
	return failures != 0;
}
