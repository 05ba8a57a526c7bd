/* The Tool Help snapshot as Microsoft documents it: processes (this one,
 * a child with this one as its parent, thread counts, names), threads
 * (this process's four, each owned by it), modules (the program image:
 * base, size, names), heaps (the default one flagged, a new one with its
 * blocks walked live), the W forms; errors: a dwSize too small
 * (ERROR_BAD_LENGTH), the end of a walk (ERROR_NO_MORE_FILES), a handle
 * that is no snapshot, a process that does not exist; the snapshot is a
 * handle CloseHandle ends (nothing left: the leak line); GetProcessHandleCount
 * follows the handle table. Child "child":
 * waits until its parent ends it. Prints "toolhelp: N failures". */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <tlhelp32.h>

#define TEST_NAME "toolhelp"
#include "check.h"

static HANDLE stop;

static DWORD WINAPI waiter(LPVOID arg)
{
	(void)arg;
	WaitForSingleObject(stop, INFINITE);
	return 0;
}

static void check_processes(DWORD child)
{
	HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	PROCESSENTRY32 pe = { .dwSize = sizeof(pe) };
	PROCESSENTRY32W pw = { .dwSize = sizeof(pw) };
	int me = 0, kid = 0, n = 0;

	CHECK(snap != INVALID_HANDLE_VALUE, "snapshot: %lu", GetLastError());
	for (BOOL ok = Process32First(snap, &pe); ok; ok = Process32Next(snap, &pe)) {
		n++;
		if (pe.th32ProcessID == GetCurrentProcessId()) {
			me++;
			CHECK(pe.cntThreads == 4, "my threads: %lu", pe.cntThreads);
			CHECK(!_strnicmp(pe.szExeFile, "toolhelp", 8), "my name: %s", pe.szExeFile);
			CHECK(pe.pcPriClassBase == 8, "my class base: %ld", pe.pcPriClassBase);
		}
		if (pe.th32ProcessID == child) {
			kid++;
			CHECK(pe.th32ParentProcessID == GetCurrentProcessId(), "child's parent %lu",
			      pe.th32ParentProcessID);
			CHECK(pe.cntThreads == 1, "child's threads: %lu", pe.cntThreads);
		}
	}
	CHECK(GetLastError() == ERROR_NO_MORE_FILES, "end of the walk: %lu", GetLastError());
	CHECK(me == 1 && kid == 1 && n >= 2, "found myself %d, the child %d, of %d", me, kid, n);
	FAILS(Process32Next(snap, &pe), FALSE, ERROR_NO_MORE_FILES);
	CHECK(Process32FirstW(snap, &pw), "first again, W: %lu", GetLastError());
	n = 0;
	for (BOOL ok = TRUE; ok; ok = Process32NextW(snap, &pw))
		n += pw.th32ProcessID == GetCurrentProcessId() && !_wcsnicmp(pw.szExeFile, L"toolhelp", 8);
	CHECK(n == 1, "myself in the W walk");
	pe.dwSize = sizeof(pe) - 1;
	FAILS(Process32First(snap, &pe), FALSE, ERROR_BAD_LENGTH);
	THREADENTRY32 te = { .dwSize = sizeof(te) };
	FAILS(Thread32First(snap, &te), FALSE, ERROR_NO_MORE_FILES);    /* not taken */
	CHECK(CloseHandle(snap), "close");
}

static void check_threads(void)
{
	HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
	THREADENTRY32 te = { .dwSize = sizeof(te) };
	int mine = 0, me = 0;

	for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te)) {
		if (te.th32OwnerProcessID != GetCurrentProcessId())
			continue;
		mine++;
		me += te.th32ThreadID == GetCurrentThreadId();
		CHECK(te.tpBasePri == 8, "base priority %ld", te.tpBasePri);
	}
	CHECK(mine == 4 && me == 1, "my threads %d (me %d)", mine, me);
	CloseHandle(snap);
}

static void check_modules(void)
{
	HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, 0);
	MODULEENTRY32 me = { .dwSize = sizeof(me) };
	MODULEENTRY32W mw = { .dwSize = sizeof(mw) };
	char path[MAX_PATH];

	CHECK(Module32First(snap, &me), "module: %lu", GetLastError());
	GetModuleFileNameA(NULL, path, sizeof(path));
	CHECK(me.hModule == GetModuleHandleA(NULL) && me.modBaseAddr == (BYTE *)me.hModule &&
	      me.th32ProcessID == GetCurrentProcessId(), "the image at %p", me.modBaseAddr);
	CHECK(me.modBaseSize >= 4096 && (BYTE *)check_modules >= me.modBaseAddr &&
	      (BYTE *)check_modules < me.modBaseAddr + me.modBaseSize, "its size %lu",
	      me.modBaseSize);
	CHECK(!_stricmp(me.szExePath, path) && !_strnicmp(me.szModule, "toolhelp", 8),
	      "names %s, %s", me.szModule, me.szExePath);
	FAILS(Module32Next(snap, &me), FALSE, ERROR_NO_MORE_FILES);
	CHECK(Module32FirstW(snap, &mw) && mw.modBaseAddr == me.modBaseAddr &&
	      !_wcsnicmp(mw.szModule, L"toolhelp", 8), "W");
	CloseHandle(snap);
	SetLastError(0);
	CHECK(CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, 0x7ffffff0) == INVALID_HANDLE_VALUE &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "no such process: %lu", GetLastError());
}

static void check_heaps(void)
{
	HANDLE heap = HeapCreate(0, 0, 0), snap;
	HEAPLIST32 hl = { .dwSize = sizeof(hl) };
	HEAPENTRY32 he = { .dwSize = sizeof(he) };
	void *a = HeapAlloc(heap, 0, 100), *b = HeapAlloc(heap, 0, 3000);
	int defaults = 0, found = 0, blocks = 0;

	snap = CreateToolhelp32Snapshot(TH32CS_SNAPHEAPLIST, 0);
	for (BOOL ok = Heap32ListFirst(snap, &hl); ok; ok = Heap32ListNext(snap, &hl)) {
		defaults += hl.th32HeapID == (ULONG_PTR)GetProcessHeap() && hl.dwFlags == HF32_DEFAULT;
		found += hl.th32HeapID == (ULONG_PTR)heap && hl.dwFlags == 0;
	}
	CHECK(defaults == 1 && found == 1, "heap list: default %d, new %d", defaults, found);
	for (BOOL ok = Heap32First(&he, GetCurrentProcessId(), (ULONG_PTR)heap); ok;
	     ok = Heap32Next(&he)) {
		if (he.dwFlags == LF32_FIXED &&
		    ((he.dwAddress == (ULONG_PTR)a && he.dwBlockSize == 100) ||
		     (he.dwAddress == (ULONG_PTR)b && he.dwBlockSize == 3000)))
			blocks++;
		CHECK(he.th32HeapID == (ULONG_PTR)heap && he.hHandle == heap, "entry's heap");
	}
	CHECK(blocks == 2 && GetLastError() == ERROR_NO_MORE_FILES, "blocks %d", blocks);
	FAILS(Heap32First(&he, GetCurrentProcessId() + 4, (ULONG_PTR)heap), FALSE,
	      ERROR_ACCESS_DENIED);
	CloseHandle(snap);
	HeapDestroy(heap);
}

static void check_bad_handles(void)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	PROCESSENTRY32 pe = { .dwSize = sizeof(pe) };
	HANDLE section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096,
					    NULL);

	SetLastError(0);
	CHECK(!Process32First(ev, &pe) && GetLastError() != 0, "an event: %lu", GetLastError());
	FAILS(Process32First(section, &pe), FALSE, ERROR_INVALID_PARAMETER);  /* not a snapshot */
	CloseHandle(section);
	CloseHandle(ev);
}

int main(int argc, char **argv)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	char cmdline[] = "toolhelp child";
	HANDLE t[3];

	(void)argv;
	if (argc > 1) {
		Sleep(INFINITE);
		return 0;
	}
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	stop = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (int i = 0; i < 3; i++)
		t[i] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	CHECK(CreateProcessA(NULL, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
	      "child: %lu", GetLastError());
	Sleep(50);
	DWORD handles = 0, more = 0;
	HANDLE extra = CreateEventA(NULL, FALSE, FALSE, NULL);
	CHECK(GetProcessHandleCount(GetCurrentProcess(), &handles) && handles >= 6,
	      "GetProcessHandleCount: %lu", handles);
	CloseHandle(extra);
	CHECK(GetProcessHandleCount(GetCurrentProcess(), &more) && more == handles - 1,
	      "one handle fewer: %lu then %lu", handles, more);
	FAILS(GetProcessHandleCount((HANDLE)0x1234, &more), FALSE, ERROR_INVALID_HANDLE);
	check_processes(pi.dwProcessId);
	check_threads();
	check_modules();
	check_heaps();
	check_bad_handles();
	TerminateProcess(pi.hProcess, 0);
	WaitForSingleObject(pi.hProcess, INFINITE);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	SetEvent(stop);
	WaitForMultipleObjects(3, t, TRUE, INFINITE);
	for (int i = 0; i < 3; i++)
		CloseHandle(t[i]);
	CloseHandle(stop);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
