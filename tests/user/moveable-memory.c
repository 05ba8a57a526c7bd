/* Moveable memory as seed 004 and the GlobalAlloc documentation describe it:
 * the handle is a handle-table entry (4 modulo 8, *(void **)handle is the
 * block) and GlobalLock gives the block, counting locks; GlobalUnlock's
 * answers (still locked / unlocked with NO_ERROR / ERROR_NOT_LOCKED);
 * the lock count stops at 255 in GlobalFlags' low byte; GMEM_MODIFY on
 * moveable memory changes nothing; fixed memory grows in place only;
 * GlobalReAlloc moves an unlocked block, keeps the handle and the contents,
 * zeroes the grown tail with GMEM_ZEROINIT, keeps a locked block in place
 * unless GMEM_MOVEABLE, discards at 0 bytes and revives; GMEM_MODIFY makes
 * fixed memory moveable; GlobalSize, GlobalFlags, GlobalHandle; the Local
 * twins; GlobalFree frees a locked object; and misuse (a freed handle
 * locked, sized, unlocked, reallocated or freed again, a foreign
 * pointer) fails with ERROR_INVALID_HANDLE and leaves the heap sound. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define BIG (1ul << 20)

#define TEST_NAME "moveable-memory"
#include "check.h"

static int zeroes(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i])
			return 0;
	return 1;
}

static void lock_counts(void)
{
	HGLOBAL h = GlobalAlloc(GHND, 100);
	unsigned char *p = GlobalLock(h);

	CHECK(h && ((DWORD)h & 7) == 4 && *(void **)h == p, "handle %p, block %p", h, p);
	CHECK(p && zeroes(p, 0, 100) && GlobalSize(h) == 100, "GHND: zeroed 100 bytes");
	CHECK(GlobalLock(h) == p && (GlobalFlags(h) & GMEM_LOCKCOUNT) == 2, "two locks");
	CHECK(GlobalHandle(p) == h && GlobalHandle(h) == h, "GlobalHandle");
	CHECK(GlobalUnlock(h), "still locked after one unlock");
	SetLastError(1234);
	CHECK(!GlobalUnlock(h) && GetLastError() == NO_ERROR, "unlocked: error %lu",
	      GetLastError());
	CHECK(!GlobalUnlock(h) && GetLastError() == ERROR_NOT_LOCKED, "not locked: error %lu",
	      GetLastError());
	CHECK(GlobalFree(h) == NULL, "GlobalFree");
}

/* GlobalFlags' low byte is the lock count: it stops at 255 (GMEM_LOCKCOUNT)
 * and the other bits stay 0 however many locks there are. */
static void lock_count_bits(void)
{
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 16);
	int i;

	for (i = 0; i < 300; i++)
		GlobalLock(h);
	CHECK(GlobalFlags(h) == GMEM_LOCKCOUNT, "300 locks: flags 0x%x", GlobalFlags(h));
	for (i = 0; i < 254 && GlobalUnlock(h); i++)
		;
	CHECK(i == 254 && GlobalFlags(h) == 1, "254 unlocks left one: %d, flags 0x%x", i,
	      GlobalFlags(h));
	GlobalFree(h);
}

/* GMEM_MODIFY on moveable memory changes nothing: the same handle, block,
 * contents and lock count. */
static void modify_moveable(void)
{
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 8);
	char *p = GlobalLock(h);

	strcpy(p, "kept");
	CHECK(GlobalReAlloc(h, 999, GMEM_MODIFY) == h &&
	      GlobalReAlloc(h, 999, GMEM_MODIFY | GMEM_MOVEABLE) == h, "GMEM_MODIFY gave another handle");
	CHECK(GlobalLock(h) == p && strcmp(p, "kept") == 0 && GlobalSize(h) == 8 &&
	      GlobalFlags(h) == 2, "after GMEM_MODIFY: size %lu, flags 0x%x", GlobalSize(h),
	      GlobalFlags(h));
	GlobalFree(h);
}

static void reallocation(void)
{
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 64);
	unsigned char *p = GlobalLock(h), *q;

	memset(p, 0xab, 64);
	/* 1 MB cannot be had in place: the heap gives it a reservation of its own. */
	CHECK(GlobalReAlloc(h, BIG, 0) == NULL && GlobalLock(h) == p,
	      "a locked block moved without GMEM_MOVEABLE");
	GlobalUnlock(h);
	CHECK(GlobalReAlloc(h, BIG, GMEM_MOVEABLE | GMEM_ZEROINIT) == h, "locked, GMEM_MOVEABLE");
	GlobalUnlock(h);
	q = GlobalLock(h);
	CHECK(q && q != p && q[0] == 0xab && q[63] == 0xab && zeroes(q, 64, BIG) &&
	      GlobalSize(h) == BIG, "contents kept, the tail zeroed");
	GlobalUnlock(h);
	CHECK(GlobalReAlloc(h, 10, 0) == h && GlobalSize(h) == 10, "shrink");
	CHECK(GlobalReAlloc(h, 0, 0) == h && GlobalFlags(h) == GMEM_DISCARDED &&
	      GlobalSize(h) == 0, "0 bytes discards");
	SetLastError(0);
	CHECK(GlobalLock(h) == NULL && GetLastError() == ERROR_DISCARDED, "a discarded block");
	CHECK(GlobalReAlloc(h, 30, GMEM_ZEROINIT) == h && GlobalSize(h) == 30 &&
	      zeroes(GlobalLock(h), 0, 30), "revived, zeroed");
	GlobalFree(h);
}

static void fixed_memory(void)
{
	char *f = GlobalAlloc(GPTR, 32);
	HGLOBAL m;

	CHECK(GlobalLock(f) == f && GlobalFlags(f) == 0 && GlobalHandle(f) == f, "fixed");
	CHECK(GlobalUnlock(f), "GlobalUnlock of fixed memory: TRUE");
	SetLastError(0);
	CHECK(!LocalUnlock(f) && GetLastError() == ERROR_NOT_LOCKED, "LocalUnlock of fixed memory");
	strcpy(f, "fixed, then moveable");
	m = GlobalReAlloc(f, 0, GMEM_MODIFY | GMEM_MOVEABLE);
	CHECK(m && m != (HGLOBAL)f && GlobalLock(m) == f, "GMEM_MODIFY made it moveable");
	GlobalUnlock(m);
	CHECK(GlobalReAlloc(m, 100000, 0) == m && strcmp(GlobalLock(m), "fixed, then moveable") == 0,
	      "it moves now");
	GlobalFree(m);
	/* Fixed memory grows in place only: with a block after it, it cannot. */
	f = GlobalAlloc(GMEM_FIXED, 32);
	m = GlobalAlloc(GMEM_FIXED, 32);
	strcpy(f, "stays");
	SetLastError(0);
	CHECK(GlobalReAlloc(f, 100000, 0) == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY &&
	      GlobalSize(f) == 32 && strcmp(f, "stays") == 0, "fixed, grown without "
	      "GMEM_MOVEABLE: error %lu, size %lu", GetLastError(), GlobalSize(f));
	GlobalFree(m);
	GlobalFree(f);
}

static void local_twins(void)
{
	HLOCAL h = LocalAlloc(LHND, 8);
	char *p = LocalLock(h);

	CHECK(p && LocalSize(h) == 8 && LocalFlags(h) == 1 && LocalHandle(p) == h, "LHND");
	CHECK(!LocalUnlock(h) && LocalReAlloc(h, 16, LMEM_MOVEABLE) == h && LocalSize(h) == 16,
	      "LocalReAlloc");
	CHECK(LocalFree(h) == NULL, "LocalFree");
	h = LocalAlloc(LMEM_MOVEABLE, 0);
	CHECK(h && LocalFlags(h) == LMEM_DISCARDED && LocalLock(h) == NULL, "0 bytes: discarded");
	LocalFree(h);
}

static void misuse(void)
{
	HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 10);
	void *f = GlobalAlloc(GMEM_FIXED, 10);
	int local;

	GlobalFree(h);
	GlobalFree(f);
	SetLastError(0);
	CHECK(GlobalLock(h) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
	      "locking a freed handle: error %lu", GetLastError());
	SetLastError(0);
	CHECK(GlobalFree(h) == h && GetLastError() == ERROR_INVALID_HANDLE, "freed twice");
	CHECK(GlobalFree(f) == f && GlobalSize(f) == 0, "fixed memory freed twice");
	CHECK(GlobalFlags(&local) == GMEM_INVALID_HANDLE && GlobalHandle(&local) == NULL &&
	      GlobalReAlloc((HGLOBAL)0x1234, 10, 0) == NULL, "foreign pointers");
	h = GlobalAlloc(GMEM_MOVEABLE, 10);
	GlobalLock(h);
	CHECK(GlobalFree(h) == NULL, "GlobalFree of a locked handle frees it");
	SetLastError(0);
	CHECK(GlobalSize(h) == 0 && GetLastError() == ERROR_INVALID_HANDLE, "its size");
	SetLastError(0);
	CHECK(!GlobalUnlock(h) && GetLastError() == ERROR_INVALID_HANDLE, "unlocking it");
	SetLastError(0);
	CHECK(GlobalReAlloc(h, 20, GMEM_MOVEABLE) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
	      "reallocating it");
	CHECK(GlobalFlags(h) == GMEM_INVALID_HANDLE && GlobalHandle(h) == NULL, "its flags");
	h = GlobalAlloc(GMEM_MOVEABLE, 10);
	f = GlobalLock(h);
	CHECK(GlobalFree(f) == NULL, "freeing a moveable object by its locked address");
	SetLastError(0);
	CHECK(GlobalLock(h) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
	      "its handle went with it: error %lu", GetLastError());
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the heap after the misuse");
}

int main(void)
{
	lock_counts();
	lock_count_bits();
	modify_moveable();
	reallocation();
	fixed_memory();
	local_twins();
	misuse();
	CHECK(HeapValidate(GetProcessHeap(), 0, NULL), "the heap at the end");
	printf("moveable-memory: %d failures\n", failures);
	return failures != 0;
}
