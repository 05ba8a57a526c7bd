/* The working-set watch (InitializeProcessForWsWatch, GetWsChanges,
 * GetWsChangesEx) against its contract: before the watch starts GetWsChanges
 * fails; each page touched afterwards is reported once, page-aligned, with
 * the touching instruction (in this program's image) and, in the Ex form,
 * the touching thread; the list ends with a NULL FaultingPc whose
 * FaultingVa counts records lost; taking the records empties the buffer
 * (ERROR_NO_MORE_ITEMS); too small a buffer is ERROR_INSUFFICIENT_BUFFER,
 * returned empty, and the records stay (the Ex form says the bytes needed);
 * the kernel's buffer is bounded and counts what it drops; starting the
 * watch again empties it; a handle without PROCESS_QUERY_INFORMATION is
 * refused; a bad buffer is ERROR_NOACCESS and loses no record. */
#include <psapi.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "ws-watch"
#include "check.h"

#define PAGE  4096u
#define ROOM  1100u
#define MANY  1100u             /* pages touched to overflow the kernel's 1024 records */

static PSAPI_WS_WATCH_INFORMATION info[ROOM + 1];
static PSAPI_WS_WATCH_INFORMATION_EX info_ex[ROOM + 1];

/* Takes the records into info: how many before the terminator, or -1 with
 * the last error on failure. */
static int take(void)
{
	if (!GetWsChanges(GetCurrentProcess(), info, sizeof(info)))
		return -1;
	int n = 0;
	while (n < (int)ROOM && info[n].FaultingPc)
		n++;
	return n;
}

/* Empties the watch (records of the test's own code and stack faults). */
static void drain(void)
{
	while (take() > 0)
		;
}

/* How many of the n records name page p, and whether all of those have a
 * FaultingPc inside this program's image. */
static int count_page(int n, const char *p, int *pc_in_image)
{
	int hits = 0;

	for (int i = 0; i < n; i++) {
		if (info[i].FaultingVa != p)
			continue;
		MEMORY_BASIC_INFORMATION m;
		hits++;
		if (!VirtualQuery(info[i].FaultingPc, &m, sizeof(m)) || m.Type != MEM_IMAGE)
			*pc_in_image = 0;
	}
	return hits;
}

static void touch(volatile char *p, unsigned pages)
{
	for (unsigned i = 0; i < pages; i++)
		p[i * PAGE + 100] = 1;
}

static DWORD WINAPI toucher(LPVOID p)
{
	touch(p, 2);
	return 0;
}

static void basics(char *mem)
{
	int n, in_image = 1;

	touch(mem, 8);
	n = take();
	CHECK(n >= 8, "%d records", n);
	for (unsigned i = 0; i < 8; i++)
		CHECK(count_page(n, mem + i * PAGE, &in_image) == 1, "page %u", i);
	CHECK(in_image, "a FaultingPc outside the image");
	CHECK(n >= 0 && info[n].FaultingVa == NULL, "lost %p", n >= 0 ? info[n].FaultingVa : 0);
	FAILS(take(), -1, ERROR_NO_MORE_ITEMS);
	/* Touching a resident page again adds nothing. */
	touch(mem, 8);
	FAILS(take(), -1, ERROR_NO_MORE_ITEMS);
}

static void small_buffer(char *mem)
{
	PSAPI_WS_WATCH_INFORMATION two[2] = { { (void *)1, (void *)1 }, { (void *)1, (void *)1 } };
	int n, in_image = 1;

	touch(mem, 4);
	FAILS(GetWsChanges(GetCurrentProcess(), two, sizeof(two)), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(two[0].FaultingPc == NULL, "buffer not returned empty");
	FAILS(GetWsChanges(GetCurrentProcess(), NULL, 0), FALSE, ERROR_INSUFFICIENT_BUFFER);
	FAILS(GetWsChanges(GetCurrentProcess(), (PPSAPI_WS_WATCH_INFORMATION)8, sizeof(info)),
	      FALSE, ERROR_NOACCESS);
	n = take();
	for (unsigned i = 0; i < 4; i++)
		CHECK(count_page(n, mem + i * PAGE, &in_image) == 1, "page %u kept", i);
}

static void extended(char *mem)
{
	DWORD tid, cb = 0, found = 0;
	HANDLE t = CreateThread(NULL, 0, toucher, mem, 0, &tid);

	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	FAILS(GetWsChangesEx(GetCurrentProcess(), info_ex, &cb), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(cb >= 3 * sizeof(*info_ex) && cb % sizeof(*info_ex) == 0, "cb %lu", cb);
	cb = sizeof(info_ex);
	CHECK(GetWsChangesEx(GetCurrentProcess(), info_ex, &cb), "error %lu", GetLastError());
	for (unsigned i = 0; i <= ROOM && info_ex[i].BasicInfo.FaultingPc; i++) {
		if (info_ex[i].BasicInfo.FaultingVa == mem || info_ex[i].BasicInfo.FaultingVa == mem + PAGE) {
			found++;
			CHECK(info_ex[i].FaultingThreadId == tid, "thread %lu, want %lu",
			      (DWORD)info_ex[i].FaultingThreadId, tid);
			CHECK(info_ex[i].Flags == 0, "flags %lx", (DWORD)info_ex[i].Flags);
		}
	}
	CHECK(found == 2, "%lu of the thread's pages", found);
	FAILS(GetWsChangesEx(GetCurrentProcess(), (PPSAPI_WS_WATCH_INFORMATION_EX)info_ex, NULL),
	      FALSE, ERROR_NOACCESS);
}

static void overflow_and_restart(char *mem)
{
	int n;

	touch(mem, MANY);
	n = take();
	CHECK(n == 1024, "%d records", n);
	CHECK(n >= 0 && (ULONG_PTR)info[n].FaultingVa >= MANY - 1024,
	      "%lu lost", n >= 0 ? (DWORD)(ULONG_PTR)info[n].FaultingVa : 0);
	/* Back under the working-set maximum: the balance set manager has no
	 * reason to trim (a trimmed code page would fault back, a record). */
	VirtualFree(mem, MANY * PAGE, MEM_DECOMMIT);
	drain();
	/* Starting again empties the buffer. */
	touch(mem + MANY * PAGE, 3);
	CHECK(InitializeProcessForWsWatch(GetCurrentProcess()), "error %lu", GetLastError());
	FAILS(take(), -1, ERROR_NO_MORE_ITEMS);
}

int main(void)
{
	HANDLE weak = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
	char *mem = VirtualAlloc(NULL, (MANY + 40) * PAGE, MEM_RESERVE | MEM_COMMIT,
				 PAGE_READWRITE);

	touch((char *)info, sizeof(info) / PAGE + 1);
	touch((char *)info_ex, sizeof(info_ex) / PAGE);
	FAILS(GetWsChanges(GetCurrentProcess(), info, sizeof(info)), FALSE, ERROR_GEN_FAILURE);
	FAILS(InitializeProcessForWsWatch(weak), FALSE, ERROR_ACCESS_DENIED);
	FAILS(InitializeProcessForWsWatch(NULL), FALSE, ERROR_INVALID_HANDLE);
	CHECK(InitializeProcessForWsWatch(GetCurrentProcess()), "error %lu", GetLastError());
	FAILS(GetWsChanges(weak, info, sizeof(info)), FALSE, ERROR_ACCESS_DENIED);
	drain();
	basics(mem + 8 * PAGE);
	small_buffer(mem + 16 * PAGE);
	extended(mem + 24 * PAGE);
	overflow_and_restart(mem + 32 * PAGE);
	CloseHandle(weak);
	VirtualFree(mem, 0, MEM_RELEASE);
	printf("ws-watch: %d failures\n", failures);
	return failures != 0;
}
