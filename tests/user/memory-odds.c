/* The memory manager's smaller calls against their contracts:
 * QueryVirtualMemoryInformation's MemoryRegionInfo (a whole allocation:
 * base, protection, kind, size and committed part, for private memory, a
 * pagefile-backed view and the program's image; a free address
 * ERROR_INVALID_ADDRESS, a short buffer ERROR_BAD_LENGTH, another class
 * ERROR_INVALID_PARAMETER); the FromApp forms; DEP as a system without NX
 * answers (AlwaysOff, off and permanent, SetProcessDEPPolicy refused);
 * secure-memory-cache callbacks and bad-memory notifications registered
 * and removed (removing twice fails); no patrol scrubber;
 * Get/SetSystemFileCacheSize (refused without SeIncreaseQuotaPrivilege,
 * bad flags refused first); NUMA proximity domain 0 is node 0. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "memory-odds"
#include "check.h"
#include "token-common.h"

#define PAGE 4096u

static void region_info(void)
{
	WIN32_MEMORY_REGION_INFORMATION r;
	SIZE_T got = 0;
	char *p = VirtualAlloc(NULL, 16 * PAGE, MEM_RESERVE, PAGE_READWRITE);
	HANDLE s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 8 * PAGE,
				      NULL);
	char *v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0);

	VirtualAlloc(p + 4 * PAGE, 3 * PAGE, MEM_COMMIT, PAGE_READONLY);
	VirtualAlloc(p + 9 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
	CHECK(QueryVirtualMemoryInformation(GetCurrentProcess(), p + 9 * PAGE + 5,
					    MemoryRegionInfo, &r, sizeof(r), &got),
	      "error %lu", GetLastError());
	CHECK(r.AllocationBase == p && r.AllocationProtect == PAGE_READWRITE &&
	      r.Private && !r.MappedDataFile && !r.MappedImage && !r.MappedPageFile &&
	      r.RegionSize == 16 * PAGE && r.CommitSize == 4 * PAGE && got == sizeof(r),
	      "%p %lx %lx %lu %lu %lu", r.AllocationBase, r.AllocationProtect, r.Flags,
	      r.RegionSize, r.CommitSize, got);
	CHECK(QueryVirtualMemoryInformation(GetCurrentProcess(), v + PAGE, MemoryRegionInfo, &r,
					    sizeof(r) + 8, NULL) &&
	      r.AllocationBase == v && r.Flags == 8 && r.RegionSize == 8 * PAGE &&
	      r.CommitSize == 8 * PAGE, "view: %p %lx %lu %lu", r.AllocationBase, r.Flags,
	      r.RegionSize, r.CommitSize);
	CHECK(QueryVirtualMemoryInformation(GetCurrentProcess(), (void *)region_info,
					    MemoryRegionInfo, &r, sizeof(r), NULL) &&
	      r.AllocationBase == GetModuleHandleA(NULL) && r.MappedImage && !r.Private &&
	      r.RegionSize > r.CommitSize / 2, "image: %p %lx", r.AllocationBase, r.Flags);
	VirtualFree(p, 0, MEM_RELEASE);
	FAILS(QueryVirtualMemoryInformation(GetCurrentProcess(), p, MemoryRegionInfo, &r,
					    sizeof(r), NULL), FALSE, ERROR_INVALID_ADDRESS);
	FAILS(QueryVirtualMemoryInformation(GetCurrentProcess(), v, MemoryRegionInfo, &r,
					    sizeof(r) - 1, NULL), FALSE, ERROR_BAD_LENGTH);
	FAILS(QueryVirtualMemoryInformation(GetCurrentProcess(), v,
					    (WIN32_MEMORY_INFORMATION_CLASS)1, &r, sizeof(r),
					    NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(QueryVirtualMemoryInformation(GetCurrentProcess(), v, MemoryRegionInfo,
					    (void *)8, sizeof(r), NULL), FALSE, ERROR_NOACCESS);
	UnmapViewOfFile(v);
	CloseHandle(s);
}

static void from_app(void)
{
	ULONG old = 0;
	char *p = VirtualAllocFromApp(NULL, 2 * PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	CHECK(p != NULL, "error %lu", GetLastError());
	if (!p)
		return;
	p[PAGE] = 1;
	CHECK(VirtualProtectFromApp(p, PAGE, PAGE_READONLY, &old) && old == PAGE_READWRITE,
	      "old %lx", old);
	FAILS(VirtualAllocFromApp(NULL, PAGE, MEM_COMMIT, 0x12345), NULL,
	      ERROR_INVALID_PARAMETER);
	VirtualFree(p, 0, MEM_RELEASE);
}

static void dep(void)
{
	DWORD flags = 9;
	BOOL permanent = FALSE;
	HANDLE none = OpenProcess(SYNCHRONIZE, FALSE, GetCurrentProcessId());

	CHECK(GetSystemDEPPolicy() == DEPPolicyAlwaysOff, "%d", GetSystemDEPPolicy());
	CHECK(GetProcessDEPPolicy(GetCurrentProcess(), &flags, &permanent) && flags == 0 &&
	      permanent, "flags %lu permanent %d", flags, permanent);
	FAILS(GetProcessDEPPolicy(none, &flags, &permanent), FALSE, ERROR_ACCESS_DENIED);
	FAILS(GetProcessDEPPolicy(GetCurrentProcess(), NULL, &permanent), FALSE, ERROR_NOACCESS);
	FAILS(SetProcessDEPPolicy(PROCESS_DEP_ENABLE), FALSE, ERROR_ACCESS_DENIED);
	FAILS(SetProcessDEPPolicy(0), FALSE, ERROR_ACCESS_DENIED);
	FAILS(SetProcessDEPPolicy(4), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetProcessDEPPolicy(PROCESS_DEP_DISABLE_ATL_THUNK_EMULATION), FALSE,
	      ERROR_INVALID_PARAMETER);
	CloseHandle(none);
}

static BOOLEAN CALLBACK secure_cb(PVOID addr, SIZE_T range)
{
	(void)addr;
	(void)range;
	return TRUE;
}

static VOID WINAPI bad_cb(VOID)
{
}

static void callbacks(void)
{
	PVOID h1, h2, many[17];
	ULONG caps = 7;
	int n = 0;

	CHECK(AddSecureMemoryCacheCallback(secure_cb), "error %lu", GetLastError());
	CHECK(RemoveSecureMemoryCacheCallback(secure_cb), "error %lu", GetLastError());
	FAILS(RemoveSecureMemoryCacheCallback(secure_cb), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(AddSecureMemoryCacheCallback(NULL), FALSE, ERROR_INVALID_PARAMETER);

	h1 = RegisterBadMemoryNotification(bad_cb);
	h2 = RegisterBadMemoryNotification(bad_cb);
	CHECK(h1 && h2 && h1 != h2, "%p %p", h1, h2);
	CHECK(UnregisterBadMemoryNotification(h1), "error %lu", GetLastError());
	FAILS(UnregisterBadMemoryNotification(h1), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(UnregisterBadMemoryNotification(h2), "error %lu", GetLastError());
	FAILS(RegisterBadMemoryNotification(NULL), NULL, ERROR_INVALID_PARAMETER);
	while (n < 17 && (many[n] = RegisterBadMemoryNotification(bad_cb)) != NULL)
		n++;
	CHECK(n == 16 && GetLastError() == ERROR_NOT_ENOUGH_MEMORY, "%d, error %lu", n,
	      GetLastError());
	while (n > 0)
		CHECK(UnregisterBadMemoryNotification(many[--n]), "error %lu", GetLastError());

	CHECK(GetMemoryErrorHandlingCapabilities(&caps) && caps == 0, "caps %lu", caps);
	FAILS(GetMemoryErrorHandlingCapabilities(NULL), FALSE, ERROR_NOACCESS);
}

static void file_cache(void)
{
	SIZE_T min = 0, max = 0;
	DWORD flags = 7;
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

	GlobalMemoryStatusEx(&ms);
	CHECK(GetSystemFileCacheSize(&min, &max, &flags) && min == 1u << 20 &&
	      max == (SIZE_T)ms.ullTotalPhys && flags == 0, "%lu %lu %lu", min, max, flags);
	CHECK(tk_own_state(SE_INCREASE_QUOTA_NAME) < 0, "the token holds SeIncreaseQuota");
	FAILS(SetSystemFileCacheSize(1 << 20, 8 << 20, 0), FALSE, ERROR_PRIVILEGE_NOT_HELD);
	FAILS(SetSystemFileCacheSize((SIZE_T)-1, (SIZE_T)-1, 0), FALSE, ERROR_PRIVILEGE_NOT_HELD);
	FAILS(SetSystemFileCacheSize(1 << 20, 8 << 20,
				     FILE_CACHE_MAX_HARD_ENABLE | FILE_CACHE_MAX_HARD_DISABLE),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetSystemFileCacheSize(1 << 20, 8 << 20, 0x10), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetSystemFileCacheSize(8 << 20, 1 << 20, 0), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(GetSystemFileCacheSize(&min, &max, &flags) && min == 1u << 20 && flags == 0,
	      "unchanged: %lu %lu", min, flags);
}

static void numa(void)
{
	UCHAR node = 9;
	USHORT node_ex = 9;

	CHECK(GetNumaProximityNode(0, &node) && node == 0, "node %u", node);
	CHECK(GetNumaProximityNodeEx(0, &node_ex) && node_ex == 0, "node %u", node_ex);
	FAILS(GetNumaProximityNode(1, &node), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetNumaProximityNodeEx(7, &node_ex), FALSE, ERROR_INVALID_PARAMETER);
}

int main(void)
{
	region_info();
	from_app();
	dep();
	callbacks();
	file_cache();
	numa();
	printf("memory-odds: %d failures\n", failures);
	return failures != 0;
}
