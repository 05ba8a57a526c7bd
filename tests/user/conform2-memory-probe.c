/* The memory API's corners as Microsoft's pages give them, where no other
 * test looked (an audit: each CHECK is one documented parameter rule,
 * return value or error): VirtualAlloc's argument checks, rounding (a
 * reservation to 64 KB, the whole new reservation committed), recommitting
 * with a new protection, MEM_RESET; VirtualFree's size and type rules;
 * VirtualProtect's NULL old-protection pointer and ranges; VirtualQuery's
 * buffer sizes and free regions; the Ex forms' access rights; Read/Write-
 * ProcessMemory's partial copies, kernel addresses and code patching;
 * IsBad*Ptr at page edges and guard pages; GetSystemInfo, GlobalMemoryStatus
 * (Ex), GetProcessMemoryInfo's sizes and counters, GetPerformanceInfo;
 * an executable heap, GMEM_ZEROINIT, discarding by reallocating to 0 (the
 * rest of the heaps is conform2-memory-heaps.c); pagefile sections
 * (sizes, names, Local\ prefix, views' protections, copy-on-write views,
 * SEC_RESERVE views, unmapping inside a view). */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "conform2-memory-probe"
#include "check.h"

#define PAGE 4096u

static void virtual_arguments(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD old;
	char *p;

	FAILS(VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, 0, PAGE_READWRITE), NULL, ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, 0), NULL, ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_READONLY), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_NOACCESS | PAGE_GUARD), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE),
	      NULL, ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_RESET, PAGE_READWRITE), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, 0x80000000u, MEM_RESERVE, PAGE_READWRITE), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, 0x7FF00000u, MEM_RESERVE, PAGE_READWRITE), NULL,
	      ERROR_NOT_ENOUGH_MEMORY);
	FAILS(VirtualAlloc((void *)0x80000000u, PAGE, MEM_RESERVE, PAGE_READWRITE), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualAlloc(NULL, PAGE, 0x80000000u | MEM_COMMIT, PAGE_READWRITE), NULL,
	      ERROR_INVALID_PARAMETER);

	p = VirtualAlloc(NULL, 16 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	CHECK(p && ((ULONG_PTR)p & 0xFFFF) == 0, "%p", p);
	FAILS(VirtualAlloc(p, PAGE, MEM_RESERVE, PAGE_READWRITE), NULL, ERROR_INVALID_ADDRESS);
	FAILS(VirtualAlloc(p + 15 * PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE), NULL,
	      ERROR_INVALID_ADDRESS);
	CHECK(VirtualAlloc(p + 100, 10, MEM_COMMIT, PAGE_READWRITE) == p, "commit rounds down");
	FAILS(VirtualProtect(p + PAGE, PAGE, PAGE_READONLY, &old), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualProtect(p, PAGE, PAGE_READONLY, NULL), FALSE, ERROR_NOACCESS);
	FAILS(VirtualProtect(p, PAGE, 0, &old), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(VirtualProtect(p, 2 * PAGE, PAGE_READONLY, &old), FALSE, ERROR_INVALID_ADDRESS);
	CHECK(VirtualProtect(p + 5, 1, PAGE_READONLY, &old) && old == PAGE_READWRITE, "old %lx",
	      old);
	CHECK(VirtualQuery(p, &m, sizeof(m)) == sizeof(m) && m.Protect == PAGE_READONLY &&
		  m.AllocationProtect == PAGE_READWRITE && m.RegionSize == PAGE &&
		  m.Type == MEM_PRIVATE,
	      "prot %lx ap %lx size %lx", m.Protect, m.AllocationProtect,
	      (unsigned long)m.RegionSize);
	CHECK(VirtualQuery(p + PAGE, &m, sizeof(m)) == sizeof(m) && m.Protect == 0 &&
		  m.State == MEM_RESERVE && m.RegionSize == 15 * PAGE && m.AllocationBase == p,
	      "prot %lx state %lx size %lx", m.Protect, m.State, (unsigned long)m.RegionSize);
	FAILS(VirtualQuery(p, &m, sizeof(m) - 1), 0, ERROR_BAD_LENGTH);
	CHECK(VirtualQuery(p, &m, sizeof(m) + 8) == sizeof(m), "a bigger buffer");
	FAILS(VirtualQuery((void *)0x80001000u, &m, sizeof(m)), 0, ERROR_INVALID_PARAMETER);
	FAILS(VirtualQuery(p, (void *)0x10, sizeof(m)), 0, ERROR_NOACCESS);
	FAILS(VirtualUnlock(p, PAGE), FALSE, ERROR_NOT_LOCKED);
	FAILS(VirtualFree(p, PAGE, MEM_RELEASE), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(VirtualFree(p + PAGE, 0, MEM_RELEASE), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualFree(p, 0, MEM_RELEASE | MEM_DECOMMIT), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(VirtualFree(p, 0, 0), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(VirtualFree(p + 3 * PAGE, PAGE, MEM_DECOMMIT), "decommit reserved: %lu",
	      GetLastError());
	CHECK(VirtualAlloc(p, 16 * PAGE, MEM_COMMIT, PAGE_READWRITE) == p, "%lu", GetLastError());
	CHECK(VirtualFree(p, 0, MEM_DECOMMIT), "size 0 decommits all: %lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.State == MEM_RESERVE && m.RegionSize == 16 * PAGE,
	      "state %lx size %lx", m.State, (unsigned long)m.RegionSize);
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "%lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.State == MEM_FREE && m.Protect == PAGE_NOACCESS &&
		  m.AllocationBase == NULL && m.AllocationProtect == 0 && m.Type == 0,
	      "state %lx prot %lx ab %p ap %lx type %lx", m.State, m.Protect, m.AllocationBase,
	      m.AllocationProtect, m.Type);
	FAILS(VirtualFree(p, 0, MEM_RELEASE), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualFree(p, PAGE, MEM_DECOMMIT), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualAlloc(p, PAGE, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_INVALID_ADDRESS);

	p = VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);
	CHECK(p && (ULONG_PTR)p > 0x70000000u, "top down %p", p);
	VirtualFree(p, 0, MEM_RELEASE);
	p = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_EXECUTE_READ);
	CHECK(p && VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READ, "%lx",
	      m.Protect);
	VirtualFree(p, 0, MEM_RELEASE);
	p = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
	FAILS(VirtualProtect(p, PAGE, PAGE_WRITECOPY, &old), FALSE, ERROR_INVALID_PARAMETER);
	VirtualFree(p, 0, MEM_RELEASE);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_WRITECOPY), NULL, ERROR_INVALID_PARAMETER);
}

static void system_info_and_bad_pointers(void)
{
	SYSTEM_INFO si;
	MEMORYSTATUSEX ms;
	MEMORYSTATUS ms1;
	PROCESS_MEMORY_COUNTERS_EX pmc;
	char buf[16];
	char *p;
	DWORD old;

	GetSystemInfo(&si);
	CHECK(si.dwPageSize == PAGE && si.dwAllocationGranularity == 65536 &&
		  si.lpMinimumApplicationAddress == (void *)0x10000 &&
		  si.lpMaximumApplicationAddress == (void *)0x7FFEFFFF &&
		  si.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL &&
		  si.dwProcessorType == PROCESSOR_INTEL_PENTIUM && si.dwNumberOfProcessors >= 1,
	      "ps %lu ag %lu min %p max %p arch %u type %lu", si.dwPageSize,
	      si.dwAllocationGranularity, si.lpMinimumApplicationAddress,
	      si.lpMaximumApplicationAddress, si.wProcessorArchitecture, si.dwProcessorType);
	memset(&ms, 0, sizeof(ms));
	FAILS(GlobalMemoryStatusEx(&ms), FALSE, ERROR_INVALID_PARAMETER);
	ms.dwLength = sizeof(ms);
	CHECK(GlobalMemoryStatusEx(&ms) && ms.ullTotalPhys >= ms.ullAvailPhys &&
		  ms.ullTotalVirtual == 0x7FFE0000ull && ms.dwMemoryLoad <= 100 &&
		  ms.ullAvailExtendedVirtual == 0,
	      "tv %llx", ms.ullTotalVirtual);
	ms1.dwLength = 0;
	GlobalMemoryStatus(&ms1);
	CHECK(ms1.dwLength == sizeof(ms1), "%lu", ms1.dwLength);
	FAILS(GetProcessMemoryInfo(GetCurrentProcess(), (void *)&pmc,
				   sizeof(PROCESS_MEMORY_COUNTERS) - 1),
	      FALSE, ERROR_INSUFFICIENT_BUFFER);
	memset(&pmc, 0, sizeof(pmc));
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), (void *)&pmc, sizeof(pmc)) &&
		  pmc.cb == sizeof(pmc) && pmc.PrivateUsage > 0 && pmc.WorkingSetSize > 0 &&
		  pmc.PeakWorkingSetSize >= pmc.WorkingSetSize,
	      "cb %lu pu %lu", pmc.cb, (unsigned long)pmc.PrivateUsage);
	memset(&pmc, 0, sizeof(pmc));
	CHECK(GetProcessMemoryInfo(GetCurrentProcess(), (void *)&pmc,
				   sizeof(PROCESS_MEMORY_COUNTERS) + 2) &&
		  pmc.cb == sizeof(PROCESS_MEMORY_COUNTERS),
	      "cb %lu", pmc.cb);

	CHECK(!IsBadReadPtr(NULL, 0) && IsBadReadPtr(NULL, 1) && !IsBadReadPtr(buf, 16), "read");
	CHECK(!IsBadWritePtr(NULL, 0) && IsBadWritePtr(NULL, 1) && !IsBadWritePtr(buf, 16),
	      "write");
	CHECK(IsBadStringPtrA(NULL, 5) && !IsBadStringPtrA(NULL, 0) && !IsBadStringPtrA("ab", 100),
	      "str");
	p = VirtualAlloc(NULL, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	memset(p, 'x', PAGE);
	VirtualProtect(p + PAGE, PAGE, PAGE_NOACCESS, &old);
	CHECK(IsBadStringPtrA(p, PAGE + 5) && !IsBadStringPtrA(p, PAGE), "string over the edge");
	CHECK(IsBadReadPtr(p + PAGE - 1, 2) && !IsBadReadPtr(p, PAGE), "read over the edge");
	VirtualProtect(p, PAGE, PAGE_READONLY, &old);
	CHECK(IsBadWritePtr(p, 1) && !IsBadReadPtr(p, 1), "read-only");
	VirtualProtect(p, PAGE, PAGE_READWRITE | PAGE_GUARD, &old);
	CHECK(IsBadReadPtr(p, 1), "a guard page is bad");
	CHECK(!IsBadReadPtr(p, 1), "once");
	CHECK(IsBadCodePtr(NULL) && !IsBadCodePtr((FARPROC)system_info_and_bad_pointers), "code");
	CHECK(IsBadReadPtr(buf, 0xFFFFFFF0u) && IsBadWritePtr(buf, (UINT_PTR)-1), "wrapping sizes");
	VirtualProtect(p, PAGE, PAGE_EXECUTE_READ, &old);
	CHECK(IsBadWritePtr(p, 1) && !IsBadCodePtr((FARPROC)p), "execute-read");
	VirtualFree(p, 0, MEM_RELEASE);
}

static void process_memory_and_rights(void)
{
	char buf[32];
	SIZE_T n = 77;
	char *p = VirtualAlloc(NULL, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	DWORD old;
	HANDLE h;
	MEMORY_BASIC_INFORMATION m;

	memset(p, 'a', 2 * PAGE);
	VirtualProtect(p + PAGE, PAGE, PAGE_NOACCESS, &old);
	SetLastError(0);
	CHECK(!ReadProcessMemory(GetCurrentProcess(), p + PAGE - 8, buf, 16, &n) &&
		  GetLastError() == ERROR_PARTIAL_COPY,
	      "err %lu n %lu", GetLastError(), (unsigned long)n);
	n = 77;
	CHECK(ReadProcessMemory(GetCurrentProcess(), p, buf, 0, &n) && n == 0, "zero n %lu",
	      (unsigned long)n);
	VirtualProtect(p, PAGE, PAGE_EXECUTE_READ, &old);
	CHECK(WriteProcessMemory(GetCurrentProcess(), p, "zz", 2, &n) && n == 2 && p[0] == 'z',
	      "patch code: %lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READ, "restored %lx",
	      m.Protect);
	VirtualProtect(p, PAGE, PAGE_READONLY, &old);
	SetLastError(0);
	CHECK(!WriteProcessMemory(GetCurrentProcess(), p, "yy", 2, &n) &&
		  GetLastError() == ERROR_NOACCESS && p[0] == 'z',
	      "read-only: %lu", GetLastError());
	h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
	FAILS(ReadProcessMemory(h, p, buf, 4, &n), FALSE, ERROR_ACCESS_DENIED);
	FAILS(WriteProcessMemory(h, p, buf, 4, &n), FALSE, ERROR_ACCESS_DENIED);
	CHECK(VirtualQueryEx(h, p, &m, sizeof(m)) == sizeof(m), "query info suffices: %lu",
	      GetLastError());
	CloseHandle(h);
	h = OpenProcess(PROCESS_VM_READ, FALSE, GetCurrentProcessId());
	FAILS(VirtualQueryEx(h, p, &m, sizeof(m)), 0, ERROR_ACCESS_DENIED);
	FAILS(VirtualAllocEx(h, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE), NULL, ERROR_ACCESS_DENIED);
	FAILS(VirtualProtectEx(h, p, PAGE, PAGE_READWRITE, &old), FALSE, ERROR_ACCESS_DENIED);
	FAILS(VirtualFreeEx(h, p, 0, MEM_RELEASE), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	h = OpenProcess(PROCESS_VM_WRITE, FALSE, GetCurrentProcessId());
	FAILS(WriteProcessMemory(h, p + PAGE / 2, "x", 1, &n), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
	FAILS(VirtualQueryEx(h, p, &m, sizeof(m)), 0, ERROR_ACCESS_DENIED);
	CloseHandle(h);
	VirtualFree(p, 0, MEM_RELEASE);
}

static void sections(void)
{
	HANDLE s, s2, e;
	char *v, *w;
	MEMORY_BASIC_INFORMATION m;

	FAILS(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				 PAGE_READWRITE | SEC_COMMIT | SEC_RESERVE, 0, PAGE, NULL),
	      NULL, ERROR_INVALID_PARAMETER);
	FAILS(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_NOACCESS, 0, PAGE, NULL), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_IMAGE, 0, PAGE,
				 NULL),
	      NULL, ERROR_BAD_EXE_FORMAT);
	e = CreateEventA(NULL, FALSE, FALSE, "conform2-ev");
	FAILS(
	    CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE, "conform2-ev"),
	    NULL, ERROR_INVALID_HANDLE);
	CloseHandle(e);
	FAILS(OpenFileMappingA(FILE_MAP_READ, FALSE, "conform2-none"), NULL, ERROR_FILE_NOT_FOUND);
	s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 3 * PAGE,
			       "conform2-sec");
	CHECK(s && GetLastError() == 0, "%lu", GetLastError());
	s2 = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 9 * PAGE,
				"conform2-sec");
	CHECK(s2 && GetLastError() == ERROR_ALREADY_EXISTS, "%lu", GetLastError());
	CloseHandle(s2);
	FAILS(MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, PAGE, 0), NULL, ERROR_MAPPED_ALIGNMENT);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, 0, 4 * PAGE), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, 0x10000, 0), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile(s, FILE_MAP_EXECUTE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
	v = MapViewOfFile(s, FILE_MAP_COPY, 0, 0, 0);
	CHECK(v && VirtualQuery(v, &m, sizeof(m)) && m.Type == MEM_MAPPED &&
		  m.Protect == PAGE_WRITECOPY && m.RegionSize == 3 * PAGE,
	      "copy view %p prot %lx size %lx", v, m.Protect, (unsigned long)m.RegionSize);
	if (v) {
		v[5] = 1;
		CHECK(VirtualQuery(v, &m, sizeof(m)) && m.Protect == PAGE_READWRITE &&
			  m.RegionSize == PAGE,
		      "written %lx size %lx", m.Protect, (unsigned long)m.RegionSize);
		CHECK(FlushViewOfFile(v, 0), "flush %lu", GetLastError());
		CHECK(UnmapViewOfFile(v + PAGE + 3), "unmap inside: %lu", GetLastError());
	}
	w = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 1);
	CHECK(w && VirtualQuery(w, &m, sizeof(m)) && m.RegionSize == PAGE &&
		  m.Protect == PAGE_READONLY && m.AllocationProtect == PAGE_READONLY,
	      "size %lx", (unsigned long)m.RegionSize);
	FAILS(VirtualProtect(w, PAGE, PAGE_READWRITE, (DWORD *)&m), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(VirtualFree(w, 0, MEM_RELEASE), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(UnmapViewOfFile(w), "%lu", GetLastError());
	FAILS(UnmapViewOfFile(w), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(UnmapViewOfFile(NULL), FALSE, ERROR_INVALID_ADDRESS);
	CloseHandle(s);
	s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_RESERVE, 0,
			       4 * PAGE, NULL);
	v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
	CHECK(v && VirtualQuery(v, &m, sizeof(m)) && m.State == MEM_RESERVE && m.Protect == 0,
	      "reserve view");
	CHECK(v && VirtualAlloc(v, PAGE, MEM_COMMIT, PAGE_READWRITE) == v, "commit in view %lu",
	      GetLastError());
	if (v) {
		v[0] = 1;
		FAILS(VirtualFree(v, PAGE, MEM_DECOMMIT), FALSE, ERROR_INVALID_PARAMETER);
		UnmapViewOfFile(v);
	}
	CloseHandle(s);
	s = CreateFileMappingNumaW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE,
				   L"conform2-numa", 0);
	CHECK(s != NULL && CloseHandle(s), "CreateFileMappingNumaW: %lu", GetLastError());
	FAILS(CreateFileMappingNumaW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, PAGE, NULL, 3),
	      NULL, ERROR_INVALID_PARAMETER);
	CHECK(GlobalLRUNewest(s) == s && GlobalLRUOldest(s) == s, "the handle");
}

static void recommit_reset_rpm_and_views(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD old;
	char *p = VirtualAlloc(NULL, 8 * PAGE, MEM_RESERVE, PAGE_READWRITE), *v;
	HANDLE s, d, h;
	HGLOBAL g;
	char buf[8];
	SIZE_T n;
	MEMORYSTATUSEX ms;

	CHECK(VirtualAlloc(p, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE) == p, "%lu", GetLastError());
	CHECK(VirtualAlloc(p, 3 * PAGE, MEM_COMMIT, PAGE_READONLY) == p, "%lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_READONLY &&
		  m.RegionSize == 3 * PAGE,
	      "recommit sets the protection: %lx size %lx", m.Protect, (unsigned long)m.RegionSize);
	FAILS(VirtualFree(p + 7 * PAGE, 2 * PAGE, MEM_DECOMMIT), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(VirtualAlloc(p, PAGE, MEM_RESET, PAGE_NOACCESS) == p, "reset: %lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_READONLY, "reset keeps %lx",
	      m.Protect);
	FAILS(UnmapViewOfFile(p), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(FlushViewOfFile(p, 0), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_EXECUTE_WRITECOPY), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(ReadProcessMemory(GetCurrentProcess(), (void *)0x80000000u, buf, 4, &n), FALSE,
	      ERROR_NOACCESS);
	FAILS(ReadProcessMemory(GetCurrentProcess(), p + 5 * PAGE, buf, 4, &n), FALSE,
	      ERROR_PARTIAL_COPY);
	FAILS(WriteProcessMemory(GetCurrentProcess(), p + 5 * PAGE, buf, 4, &n), FALSE,
	      ERROR_NOACCESS);
	CHECK(ReadProcessMemory(GetCurrentProcess(), p, buf, 4, NULL), "NULL count: %lu",
	      GetLastError());
	VirtualFree(p, 0, MEM_RELEASE);

	s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 2 * PAGE, NULL);
	v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);
	FAILS(MapViewOfFileEx(s, FILE_MAP_WRITE, 0, 0, 0, v), NULL, ERROR_INVALID_ADDRESS);
	FAILS(MapViewOfFileEx(s, FILE_MAP_WRITE, 0, 0, 0, v + 0x100000 + PAGE), NULL,
	      ERROR_MAPPED_ALIGNMENT);
	CHECK(VirtualProtect(v, PAGE, PAGE_READONLY, &old) && old == PAGE_READWRITE, "old %lx",
	      old);
	FAILS(VirtualProtect(v, PAGE, PAGE_EXECUTE_READWRITE, &old), FALSE,
	      ERROR_INVALID_PARAMETER);
	CHECK(VirtualProtect(v, PAGE, PAGE_WRITECOPY, &old), "writecopy on a shared view: %lu",
	      GetLastError());
	UnmapViewOfFile(v);
	CHECK(DuplicateHandle(GetCurrentProcess(), s, GetCurrentProcess(), &d, FILE_MAP_READ, FALSE,
			      0),
	      "dup");
	FAILS(MapViewOfFile(d, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
	v = MapViewOfFile(d, FILE_MAP_READ, 0, 0, 0);
	CHECK(v != NULL, "%lu", GetLastError());
	FAILS(VirtualProtect(v, PAGE, PAGE_READWRITE, &old), FALSE, ERROR_INVALID_PARAMETER);
	UnmapViewOfFile(v);
	CloseHandle(d);
	CloseHandle(s);

	g = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 100);
	p = GlobalLock(g);
	CHECK(p && p[99] == 0, "zeroinit");
	GlobalUnlock(g);
	CHECK(GlobalReAlloc(g, 0, GMEM_MOVEABLE) == g && GlobalFlags(g) == GMEM_DISCARDED,
	      "realloc 0 discards %x", GlobalFlags(g));
	GlobalFree(g);
	g = LocalAlloc(LMEM_FIXED, 16);
	CHECK(LocalFree(g) == NULL, "free");
	h = HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0);
	p = HeapAlloc(h, 0, 16);
	CHECK(p && VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READWRITE,
	      "exec heap %lx", m.Protect);
	p = HeapAlloc(h, 0, 1 << 20);
	CHECK(p && VirtualQuery(p, &m, sizeof(m)) && m.Protect == PAGE_EXECUTE_READWRITE,
	      "exec big %lx", m.Protect);
	CHECK(!HeapValidate(h, 0, p + 8), "an inner pointer");
	HeapDestroy(h);
	ms.dwLength = sizeof(ms) + 4;
	FAILS(GlobalMemoryStatusEx(&ms), FALSE, ERROR_INVALID_PARAMETER);
}

static void reservation_rounding_and_huge_sizes(void)
{
	MEMORY_BASIC_INFORMATION m;
	char *p = VirtualAlloc(NULL, 0x40000, MEM_RESERVE, PAGE_NOACCESS), *q;
	HGLOBAL g;

	VirtualFree(p, 0, MEM_RELEASE);
	q = VirtualAlloc(p + 0x10000 + 0x1234, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	CHECK(q == p + 0x10000, "reserve rounds to 64K: %p want %p", q, p + 0x10000);
	CHECK(VirtualQuery(p + 0x10000, &m, sizeof(m)) && m.State == MEM_COMMIT &&
		  m.RegionSize == 0x4000,
	      "the whole reservation is committed: state %lx size %lx", m.State,
	      (unsigned long)m.RegionSize);
	CHECK(VirtualQuery(p + 0x14000, &m, sizeof(m)) && m.State == MEM_FREE, "then free %lx",
	      m.State);
	VirtualFree(q, 0, MEM_RELEASE);
	q = VirtualAlloc(NULL, 1, MEM_COMMIT, PAGE_READWRITE);
	CHECK(q && VirtualQuery(q, &m, sizeof(m)) && m.RegionSize == PAGE, "one byte is a page");
	CHECK(VirtualQuery(q + PAGE, &m, sizeof(m)) && m.State == MEM_FREE,
	      "the rest of 64K is free: %lx", m.State);
	VirtualFree(q, 0, MEM_RELEASE);
	FAILS(GlobalAlloc(GMEM_FIXED, 0x80000000u), NULL, ERROR_NOT_ENOUGH_MEMORY);
	FAILS(LocalAlloc(LMEM_MOVEABLE, 0x80000000u), NULL, ERROR_NOT_ENOUGH_MEMORY);
	g = GlobalAlloc(GMEM_FIXED, 8);
	FAILS(GlobalReAlloc(g, 0x80000000u, GMEM_MOVEABLE), NULL, ERROR_NOT_ENOUGH_MEMORY);
	GlobalFree(g);
	FAILS(HeapAlloc(GetProcessHeap(), 0, 0x80000000u), NULL, ERROR_NOT_ENOUGH_MEMORY);
	FAILS(HeapAlloc(GetProcessHeap(), 0, 0xFFFFFFF0u), NULL, ERROR_NOT_ENOUGH_MEMORY);
}

static void protections_names_and_writecopy_sections(void)
{
	MEMORY_BASIC_INFORMATION m;
	DWORD old;
	char *p = VirtualAlloc(NULL, 4 * PAGE, MEM_COMMIT, PAGE_READWRITE), *v;
	HANDLE s, o;

	FAILS(VirtualFree(p + PAGE, 0, MEM_DECOMMIT), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(VirtualProtect(p, PAGE, PAGE_NOACCESS | PAGE_GUARD, &old), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(VirtualProtect(p, PAGE, PAGE_READWRITE | PAGE_NOCACHE | PAGE_WRITECOMBINE, &old),
	      FALSE, ERROR_INVALID_PARAMETER);
	CHECK(VirtualProtect(p, PAGE, PAGE_READWRITE | PAGE_GUARD, &old), "%lu", GetLastError());
	CHECK(VirtualQuery(p, &m, sizeof(m)) && m.Protect == (PAGE_READWRITE | PAGE_GUARD), "%lx",
	      m.Protect);
	CHECK(VirtualProtect(p + PAGE, PAGE, PAGE_READWRITE | PAGE_NOCACHE, &old), "%lu",
	      GetLastError());
	CHECK(VirtualQuery(p + PAGE, &m, sizeof(m)) && m.Protect == (PAGE_READWRITE | PAGE_NOCACHE),
	      "%lx", m.Protect);
	CHECK(VirtualProtect(p, 4 * PAGE, PAGE_READONLY, &old) &&
		  old == (PAGE_READWRITE | PAGE_GUARD),
	      "old %lx", old);
	VirtualFree(p, 0, MEM_RELEASE);

	s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x18000,
			       "Local\\conform2-map");
	CHECK(s != NULL, "Local prefix: %lu", GetLastError());
	o = OpenFileMappingA(FILE_MAP_READ, FALSE, "Local\\conform2-map");
	CHECK(o != NULL, "open Local: %lu", GetLastError());
	CloseHandle(o);
	o = OpenFileMappingA(FILE_MAP_READ, FALSE, "conform2-map");
	CHECK(o != NULL, "Local is the session's namespace: %lu", GetLastError());
	CloseHandle(o);
	FAILS(OpenFileMappingA(FILE_MAP_READ, FALSE, "Bogus\\conform2-map"), NULL,
	      ERROR_PATH_NOT_FOUND);
	v = MapViewOfFile(s, FILE_MAP_READ, 0, 0x10000, 0);
	CHECK(v && VirtualQuery(v, &m, sizeof(m)) && m.RegionSize == 0x8000, "tail view %lx",
	      (unsigned long)m.RegionSize);
	UnmapViewOfFile(v);
	CloseHandle(s);
	s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_WRITECOPY, 0, PAGE, NULL);
	CHECK(s != NULL, "pagefile writecopy: %lu", GetLastError());
	if (s) {
		FAILS(MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
		v = MapViewOfFile(s, FILE_MAP_READ, 0, 0, 0);
		CHECK(v && VirtualQuery(v, &m, sizeof(m)) && m.Protect == PAGE_READONLY, "%lx",
		      m.Protect);
		UnmapViewOfFile(v);
		CloseHandle(s);
	}
}

/* The process counters follow commit and touch: PagefileUsage is
 * PrivateUsage; a commit raises both at once, the working set only once
 * touched; the system's figures hold together. */
static void counters(void)
{
	PROCESS_MEMORY_COUNTERS_EX a, b, c;
	MEMORYSTATUSEX ms = {.dwLength = sizeof(ms)};
	PERFORMANCE_INFORMATION pi;
	char *p;

	GetProcessMemoryInfo(GetCurrentProcess(), (void *)&a, sizeof(a));
	p = VirtualAlloc(NULL, 64 * PAGE, MEM_COMMIT, PAGE_READWRITE);
	GetProcessMemoryInfo(GetCurrentProcess(), (void *)&b, sizeof(b));
	memset(p, 1, 64 * PAGE);
	GetProcessMemoryInfo(GetCurrentProcess(), (void *)&c, sizeof(c));
	CHECK(a.PagefileUsage == a.PrivateUsage && c.PagefileUsage == c.PrivateUsage,
	      "pagefile %lu private %lu", (unsigned long)a.PagefileUsage,
	      (unsigned long)a.PrivateUsage);
	CHECK(b.PrivateUsage - a.PrivateUsage == 64 * PAGE, "commit charged at once: %lu",
	      (unsigned long)(b.PrivateUsage - a.PrivateUsage));
	CHECK(b.WorkingSetSize - a.WorkingSetSize < 8 * PAGE &&
		  c.WorkingSetSize - b.WorkingSetSize >= 64 * PAGE &&
		  c.PageFaultCount >= b.PageFaultCount + 64,
	      "touched: ws %lu -> %lu -> %lu faults %lu -> %lu", (unsigned long)a.WorkingSetSize,
	      (unsigned long)b.WorkingSetSize, (unsigned long)c.WorkingSetSize, b.PageFaultCount,
	      c.PageFaultCount);
	CHECK(c.PeakWorkingSetSize >= c.WorkingSetSize && c.PeakPagefileUsage >= c.PagefileUsage,
	      "peaks");
	VirtualFree(p, 0, MEM_RELEASE);
	CHECK(GlobalMemoryStatusEx(&ms) && ms.ullAvailPageFile <= ms.ullTotalPageFile &&
		  ms.ullAvailVirtual <= ms.ullTotalVirtual && ms.ullAvailPhys <= ms.ullTotalPhys,
	      "status");
	CHECK(GetPerformanceInfo(&pi, sizeof(pi)) && pi.PageSize == PAGE &&
		  pi.PhysicalTotal * PAGE == ms.ullTotalPhys &&
		  pi.CommitLimit * PAGE == ms.ullTotalPageFile,
	      "perf: phys %lu pages vs %llu bytes, limit %lu vs %llu",
	      (unsigned long)pi.PhysicalTotal, ms.ullTotalPhys, (unsigned long)pi.CommitLimit,
	      ms.ullTotalPageFile);
}

int main(void)
{
	counters();
	protections_names_and_writecopy_sections();
	reservation_rounding_and_huge_sizes();
	recommit_reset_rpm_and_views();
	virtual_arguments();
	system_info_and_bad_pointers();
	process_memory_and_rights();
	sections();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
