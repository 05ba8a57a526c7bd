/* The kernel32 memory calls and values vados gained in the memory audit,
 * against Microsoft's pages and what Windows answers: the memory resource
 * notifications (a waitable event; an unknown type ERROR_INVALID_PARAMETER),
 * the Windows 3.x leftovers (GlobalCompact, LocalCompact, LocalShrink,
 * GlobalWire/GlobalUnWire, GlobalFix/GlobalUnfix counting locks), the header
 * values vados refuses (placeholders, PAGE_TARGETS_*, flags outside
 * LMEM_VALID_FLAGS), LocalReAlloc's LMEM_MODIFY|LMEM_MOVEABLE leaving fixed
 * memory fixed while GlobalReAlloc makes it moveable, a new heap
 * reporting HeapCompatibilityInformation 0 until the LFH is asked for, and
 * VirtualLock on a guard page (fails with STATUS_GUARD_PAGE_VIOLATION as
 * its error and takes the guard, so the next lock succeeds, as Windows), and
 * HeapSize of a pointer that is no block ((SIZE_T)-1, no exception), and
 * the lock calls on a value shaped like a pointer (not 4 modulo 8) that is no
 * block: GlobalUnlock TRUE untouched, LocalUnlock ERROR_NOT_LOCKED, LocalLock
 * NULL with the last error kept, GlobalLock ERROR_INVALID_HANDLE; and
 * HeapSummary's figures (allocated within committed within reserved).
 * Last line "mem-doc-win32: N failures"; the exit status is N. */
#define TEST_NAME "mem-doc-win32"
#include "check.h"
#include "win32-conformance.h"

static void resource_notifications(void)
{
	HANDLE high = CreateMemoryResourceNotification(HighMemoryResourceNotification);
	HANDLE low = CreateMemoryResourceNotification(LowMemoryResourceNotification);
	BOOL state = 7;

	CHECK(high && low, "error %lu", GetLastError());
	CHECK(QueryMemoryResourceNotification(high, &state) && state == TRUE,
	      "an idle machine has plenty of memory: %d", state);
	CHECK(WaitForSingleObject(high, 0) == WAIT_OBJECT_0, "the high event is signalled");
	CHECK(QueryMemoryResourceNotification(low, &state) && state == FALSE, "low: %d", state);
	CHECK(WaitForSingleObject(low, 0) == WAIT_TIMEOUT, "the low event is not");
	CHECK_FAIL(CreateMemoryResourceNotification((MEMORY_RESOURCE_NOTIFICATION_TYPE)2), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(QueryMemoryResourceNotification((HANDLE)0x1230, &state), FALSE,
		   ERROR_INVALID_HANDLE);
	CHECK(CloseHandle(high) && CloseHandle(low), "error %lu", GetLastError());
}

static void win3_leftovers(void)
{
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 64);
	char *p;

	GlobalCompact(0);
	LocalCompact(0);
	LocalShrink(NULL, 0);
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the compacted process heap is sound");
	p = GlobalWire(h);
	CHECK(p && p == GlobalLock(h) && GlobalFlags(h) == 2, "GlobalWire locks: flags %u",
	      GlobalFlags(h));
	GlobalFix(h);
	CHECK(GlobalFlags(h) == 3, "GlobalFix locks: flags %u", GlobalFlags(h));
	GlobalUnfix(h);
	CHECK(GlobalUnWire(h) && GlobalFlags(h) == 1, "two unlocks: flags %u", GlobalFlags(h));
	CHECK(!GlobalUnWire(h) && GlobalFlags(h) == 0, "unlocked: flags %u", GlobalFlags(h));
	CHECK(GlobalFree(h) == NULL, "error %lu", GetLastError());
}

static void refused_values(void)
{
	char *p = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	DWORD old;

	CHECK_FAIL(VirtualAlloc(NULL, 65536, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS),
		   NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualProtect(p, 4096, PAGE_READWRITE | PAGE_TARGETS_INVALID, &old), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualFree(p, 0, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualFree(p, 0, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), FALSE,
		   ERROR_INVALID_PARAMETER);
	CHECK(VirtualFree(p, 0, MEM_RELEASE), "the refusals kept it: error %lu", GetLastError());
	CHECK_FAIL(LocalAlloc(~LMEM_VALID_FLAGS & 0xFFFF, 8), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(GlobalAlloc(~GMEM_VALID_FLAGS & 0xFFFF, 8), NULL, ERROR_INVALID_PARAMETER);
}

/* Windows: LocalReAlloc(fixed, 0, LMEM_MODIFY | LMEM_MOVEABLE) returns the
 * same fixed block; GlobalReAlloc makes a moveable handle to it. */
static void modify_fixed(void)
{
	HLOCAL l = LocalAlloc(LPTR, 100);
	HGLOBAL g = GlobalAlloc(GPTR, 100), m;

	CHECK(LocalReAlloc(l, 0, LMEM_MODIFY | LMEM_MOVEABLE) == l && LocalLock(l) == l &&
	      LocalSize(l) == 100, "LocalReAlloc kept it fixed");
	CHECK_FAIL(LocalUnlock(l), FALSE, ERROR_NOT_LOCKED);
	m = GlobalReAlloc(g, 0, GMEM_MODIFY | GMEM_MOVEABLE);
	CHECK(m && m != g && GlobalLock(m) == g && GlobalSize(m) == 100,
	      "GlobalReAlloc made it moveable");
	CHECK_FAIL(GlobalUnlock(m), FALSE, NO_ERROR);
	CHECK(LocalFree(l) == NULL && GlobalFree(m) == NULL, "error %lu", GetLastError());
}

static void heap_compatibility(void)
{
	HANDLE h = HeapCreate(HEAP_CREATE_ALIGN_16 | HEAP_TAIL_CHECKING_ENABLED, 0, 0);
	ULONG v = 77;

	CHECK(h && HeapAlloc(h, 0, 10), "HeapCreate with flags it ignores: error %lu",
	      GetLastError());
	CHECK(HeapQueryInformation(h, HeapCompatibilityInformation, &v, sizeof(v), NULL) && v == 0,
	      "a new heap: %lu", v);
	v = 2;
	CHECK(HeapSetInformation(h, HeapCompatibilityInformation, &v, sizeof(v)), "error %lu",
	      GetLastError());
	v = 77;
	CHECK(HeapQueryInformation(h, HeapCompatibilityInformation, &v, sizeof(v), NULL) && v == 2,
	      "once asked for: %lu", v);
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
}

/* HeapSize: "If the function fails, the return value is (SIZE_T)-1": a
 * freed block, a pointer into a block, a pointer outside the heap. */
static void heap_size_of_no_block(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	char *p = HeapAlloc(h, 0, 100), *q = HeapAlloc(h, 0, 100), local[16];

	CHECK(HeapFree(h, 0, p), "error %lu", GetLastError());
	CHECK(HeapSize(h, 0, p) == (SIZE_T)-1, "a freed block");
	CHECK(HeapSize(h, 0, q + 8) == (SIZE_T)-1, "inside a block");
	CHECK(HeapSize(h, 0, local) == (SIZE_T)-1, "a local array");
	CHECK(HeapSize(h, 0, q) == 100 && HeapValidate(h, 0, NULL), "the heap is sound");
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
}

static void pointer_shaped_garbage(void)
{
	void *bad = (void *)0xdeadbee0;

	CHECK_FAIL(GlobalUnlock(bad), TRUE, DIRTY);
	CHECK_FAIL(LocalUnlock(bad), FALSE, ERROR_NOT_LOCKED);
	CHECK_FAIL(LocalLock(bad), NULL, DIRTY);
	CHECK_FAIL(GlobalLock(bad), NULL, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GlobalSize(bad), 0, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GlobalFlags(bad), GMEM_INVALID_HANDLE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(GlobalUnlock((HGLOBAL)0xdeadbee4), FALSE, ERROR_INVALID_HANDLE);
	CHECK_FAIL(LocalUnlock((HLOCAL)0xdeadbee4), FALSE, ERROR_INVALID_HANDLE);
}

static void heap_summary(void)
{
	HANDLE h = HeapCreate(0, 0, 0);
	HEAP_SUMMARY s = { .cb = sizeof(s) }, t;
	char *small = HeapAlloc(h, 0, 1000), *big = HeapAlloc(h, 0, 2 << 20);

	CHECK(small && big && HeapSummary(h, 0, &s), "error %lu", GetLastError());
	CHECK(s.cbAllocated == 1000 + (2 << 20) && s.cbCommitted >= s.cbAllocated &&
	      s.cbReserved >= s.cbCommitted && s.cbMaxReserve >= s.cbReserved,
	      "allocated %lu committed %lu reserved %lu", s.cbAllocated, s.cbCommitted,
	      s.cbReserved);
	CHECK(HeapFree(h, 0, big) && HeapSummary(h, 0, &s) && s.cbAllocated == 1000,
	      "after a free: %lu", s.cbAllocated);
	t = s;
	t.cb = sizeof(t) - 1;
	CHECK_FAIL(HeapSummary(h, 0, &t), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(HeapSummary(h, 1, &s), FALSE, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(HeapSummary((HANDLE)0x1230, 0, &s), FALSE, ERROR_INVALID_HANDLE);
	CHECK(HeapDestroy(h), "error %lu", GetLastError());
}

static void lock_guard_page(void)
{
	char *p = VirtualAlloc(NULL, 2 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	MEMORY_BASIC_INFORMATION m;
	DWORD old;

	p[4096] = 7;
	CHECK(VirtualProtect(p + 4096, 4096, PAGE_READWRITE | PAGE_GUARD, &old), "error %lu",
	      GetLastError());
	CHECK_FAIL(VirtualLock(p, 2 * 4096), FALSE, STATUS_GUARD_PAGE_VIOLATION);
	CHECK(VirtualQuery(p + 4096, &m, sizeof(m)) && m.Protect == PAGE_READWRITE &&
	      m.AllocationProtect == PAGE_READWRITE, "the guard went: protect 0x%lx", m.Protect);
	CHECK_FAIL(VirtualUnlock(p, 4096), FALSE, ERROR_NOT_LOCKED);   /* the refusal locked nothing */
	CHECK(VirtualLock(p, 2 * 4096) && p[4096] == 7, "the second lock: error %lu",
	      GetLastError());
	CHECK(VirtualUnlock(p, 2 * 4096) && VirtualFree(p, 0, MEM_RELEASE), "error %lu",
	      GetLastError());
}

int main(void)
{
	resource_notifications();
	win3_leftovers();
	refused_values();
	modify_fixed();
	heap_compatibility();
	lock_guard_page();
	heap_size_of_no_block();
	pointer_shaped_garbage();
	heap_summary();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
