/* VirtualUnlock as Microsoft's page describes it: "if any of the pages in
 * the specified range are not locked, VirtualUnlock removes such pages from
 * the working set, sets the last error to ERROR_NOT_LOCKED, and returns
 * FALSE" (vados left them resident). Pages written, one locked: unlocking a
 * range holding unlocked pages fails and trims those (QueryWorkingSetEx:
 * not Valid) while the locked one stays locked and resident; the contents
 * come back on the next touch (from swap); unlocking the locked page alone
 * then succeeds. VirtualUnlockEx does the same in the process a handle
 * names (PROCESS_VM_OPERATION; vados lacked it): a child's pages
 * (tests/user/virtual-child.c). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "conform2-memory-unlock-trims"
#include "check.h"
#include "virtual-child.h"

#define PAGE 4096u

static PSAPI_WORKING_SET_EX_BLOCK ws_of(void *va)
{
	PSAPI_WORKING_SET_EX_INFORMATION w = { .VirtualAddress = va };

	CHECK(QueryWorkingSetEx(GetCurrentProcess(), &w, sizeof(w)), "%lu", GetLastError());
	return w.VirtualAttributes;
}

static void in_child(void)
{
	HANDLE child = virtual_child_start(), q;
	char *c;
	SIZE_T n;

	CHECK(child != NULL, "CreateProcess: %lu", GetLastError());
	if (!child)
		return;
	c = VirtualAllocEx(child, NULL, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(c && WriteProcessMemory(child, c, "xy", 2, &n), "%lu", GetLastError());
	FAILS(VirtualUnlockEx(child, c, 2 * PAGE), FALSE, ERROR_NOT_LOCKED);
	FAILS(VirtualUnlockEx(child, c + 4 * PAGE, PAGE), FALSE, ERROR_INVALID_ADDRESS);
	q = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetProcessId(child));
	FAILS(VirtualUnlockEx(q, c, PAGE), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(q);
	virtual_child_end(child);
}

int main(void)
{
	char *p = VirtualAlloc(NULL, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	PSAPI_WORKING_SET_EX_BLOCK b;

	CHECK(p != NULL, "%lu", GetLastError());
	if (!p)
		return 1;
	for (unsigned i = 0; i < 4; i++)
		memset(p + i * PAGE, 'a' + i, PAGE);
	CHECK(VirtualLock(p + PAGE, PAGE), "%lu", GetLastError());
	for (unsigned i = 0; i < 4; i++)
		CHECK(ws_of(p + i * PAGE).Valid, "page %u resident", i);
	FAILS(VirtualUnlock(p, 3 * PAGE), FALSE, ERROR_NOT_LOCKED);
	b = ws_of(p + PAGE);
	CHECK(b.Valid && b.Locked, "the locked page stays: valid %u locked %u", (unsigned)b.Valid,
	      (unsigned)b.Locked);
	CHECK(!ws_of(p).Valid && !ws_of(p + 2 * PAGE).Valid, "the unlocked pages left the working set");
	CHECK(ws_of(p + 3 * PAGE).Valid, "a page outside the range stays");
	CHECK(p[0] == 'a' && p[2 * PAGE + 5] == 'c', "their contents come back: %c %c", p[0],
	      p[2 * PAGE + 5]);
	CHECK(VirtualUnlockEx(GetCurrentProcess(), p + PAGE, PAGE), "the locked page unlocks: %lu",
	      GetLastError());
	CHECK(!ws_of(p + PAGE).Locked, "unlocked");
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "%lu", GetLastError());
	in_child();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
