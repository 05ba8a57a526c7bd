/* HeapCompact, HeapWalk, HeapSummary, HeapLock/HeapUnlock, GetProcessHeaps
 * and the C library's _heapmin, over the heap engine (heap_compact.c,
 * heap_walk.c). */
#include <malloc.h>
#include <windows.h>
#include "user/lib/heap_core.h"
#include "user/lib/heap_win32.h"

/* The largest free block that stays committed, after the pages nothing needs
 * went back (0 with NO_ERROR when none does). */
SIZE_T WINAPI HeapCompact(HANDLE hHeap, DWORD dwFlags)
{
	struct heap *h = heap_enter(hHeap, dwFlags);
	SIZE_T largest;

	if (!h)
		return 0;
	largest = heap_compact(h);
	heap_leave(h, dwFlags);
	if (!largest)
		SetLastError(NO_ERROR);
	return largest;
}

static struct heap_entry from_win32(const PROCESS_HEAP_ENTRY *w)
{
	struct heap_entry e = { .data = (uintptr_t)w->lpData, .size = w->cbData,
				.region = w->iRegionIndex, .kind = HEAP_ENTRY_FREE };

	if (w->wFlags & PROCESS_HEAP_REGION)
		e.kind = HEAP_ENTRY_REGION;
	else if (w->wFlags & PROCESS_HEAP_UNCOMMITTED_RANGE)
		e.kind = HEAP_ENTRY_UNCOMMITTED;
	else if (w->wFlags & PROCESS_HEAP_ENTRY_BUSY)
		e.kind = HEAP_ENTRY_BUSY;
	return e;
}

/* hmem: the moveable object's handle when the entry is its block. */
static void to_win32(const struct heap_entry *e, HANDLE hmem, PROCESS_HEAP_ENTRY *w)
{
	static const WORD flags[] = { PROCESS_HEAP_REGION, PROCESS_HEAP_ENTRY_BUSY, 0,
				      PROCESS_HEAP_UNCOMMITTED_RANGE };

	*w = (PROCESS_HEAP_ENTRY){ .lpData = (PVOID)e->data, .cbData = e->size,
				   .cbOverhead = (BYTE)(e->overhead < 255 ? e->overhead : 255),
				   .iRegionIndex = (BYTE)(e->region < 255 ? e->region : 255),
				   .wFlags = flags[e->kind] };
	if (hmem) {
		w->wFlags |= PROCESS_HEAP_ENTRY_MOVEABLE;
		w->Block.hMem = hmem;
	}
	if (e->kind != HEAP_ENTRY_REGION)
		return;
	w->Region.dwCommittedSize = e->committed;
	w->Region.dwUnCommittedSize = e->uncommitted;
	w->Region.lpFirstBlock = (LPVOID)e->first;
	w->Region.lpLastBlock = (LPVOID)e->last;
}

/* The entry after *lpEntry (lpData NULL: the first); FALSE with
 * ERROR_NO_MORE_ITEMS past the last, ERROR_INVALID_PARAMETER when *lpEntry
 * is no entry of the heap, ERROR_NOACCESS when it cannot be written. The
 * block of a moveable object (the process heap's) is PROCESS_HEAP_ENTRY_BUSY
 * | PROCESS_HEAP_ENTRY_MOVEABLE with its handle in Block.hMem. Each
 * step is made under the heap's lock; a walk that must see no other
 * thread's changes holds HeapLock around it, as in Windows. */
BOOL WINAPI HeapWalk(HANDLE hHeap, LPPROCESS_HEAP_ENTRY lpEntry)
{
	struct heap *h = heap_enter(hHeap, 0);
	struct heap_entry e;
	HANDLE hmem = NULL;
	int r;

	if (!h)
		return FALSE;
	if (IsBadWritePtr(lpEntry, sizeof(*lpEntry))) {
		heap_leave(h, 0);
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	e = from_win32(lpEntry);
	r = heap_walk(h, &e);
	if (r == 1 && e.kind == HEAP_ENTRY_BUSY && hHeap == GetProcessHeap())
		hmem = heap_moveable_handle((const void *)e.data);
	heap_leave(h, 0);
	if (r != 1) {
		SetLastError(r ? ERROR_INVALID_PARAMETER : ERROR_NO_MORE_ITEMS);
		return FALSE;
	}
	to_win32(&e, hmem, lpEntry);
	return TRUE;
}

/* The sizes asked for by the busy blocks, the committed and reserved bytes
 * of the regions and the big blocks' own allocations (to the page), all in
 * one walk under the heap's lock; cbMaxReserve is the reserve. cb must be
 * sizeof(HEAP_SUMMARY) and dwFlags 0, else ERROR_INVALID_PARAMETER (a
 * summary that cannot be written: ERROR_NOACCESS). */
BOOL WINAPI HeapSummary(HANDLE hHeap, DWORD dwFlags, LPHEAP_SUMMARY lpSummary)
{
	struct heap_entry e = { 0 };
	HEAP_SUMMARY s = { .cb = sizeof(s) };
	struct heap *h;

	if (IsBadWritePtr(lpSummary, sizeof(*lpSummary))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (dwFlags || lpSummary->cb != sizeof(*lpSummary)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!(h = heap_enter(hHeap, 0)))
		return FALSE;
	while (heap_walk(h, &e) == 1) {
		SIZE_T whole = (e.size + e.overhead + 4095) & ~(SIZE_T)4095;
		if (e.kind == HEAP_ENTRY_REGION)
			s.cbCommitted += e.committed, s.cbReserved += e.size;
		if (e.kind == HEAP_ENTRY_BUSY)
			s.cbAllocated += e.size;
		if (e.big)
			s.cbCommitted += whole, s.cbReserved += whole;
	}
	heap_leave(h, 0);
	s.cbMaxReserve = s.cbReserved;
	*lpSummary = s;
	return TRUE;
}

/* The heap's lock, held by the caller until HeapUnlock (recursively: its
 * own heap calls go on); a HEAP_NO_SERIALIZE heap has none to take. */
BOOL WINAPI HeapLock(HANDLE hHeap)
{
	return heap_enter(hHeap, 0) != NULL;
}

/* FALSE with ERROR_NOT_OWNER, the lock untouched, when the caller does not
 * hold it (never locked, or another thread's): leaving it anyway would
 * break the lock for every thread. */
BOOL WINAPI HeapUnlock(HANDLE hHeap)
{
	struct heap *h = heap_enter(hHeap, HEAP_NO_SERIALIZE);

	if (!h)
		return FALSE;
	if (heap_leave_owned(h))
		return TRUE;
	SetLastError(ERROR_NOT_OWNER);
	return FALSE;
}

/* The process heap first, then the others; nothing is stored when there are
 * more than NumberOfHeaps (the count says how many). */
DWORD WINAPI GetProcessHeaps(DWORD NumberOfHeaps, PHANDLE ProcessHeaps)
{
	HANDLE first = GetProcessHeap();
	size_t n;

	heap_list_enter();
	n = heap_list(NULL, 0);
	if (n <= NumberOfHeaps && IsBadWritePtr(ProcessHeaps, n * sizeof(HANDLE))) {
		heap_list_leave();
		SetLastError(ERROR_NOACCESS);
		return 0;
	}
	if (n <= NumberOfHeaps)
		heap_list((struct heap **)ProcessHeaps, n);
	heap_list_leave();
	if (n > NumberOfHeaps)
		return n;
	size_t at = 0;
	while (at < n && ProcessHeaps[at] != first)
		at++;
	if (at == n)
		return n;
	for (; at > 0; at--)                    /* the process heap to the front */
		ProcessHeaps[at] = ProcessHeaps[at - 1];
	ProcessHeaps[0] = first;
	return n;
}

/* Microsoft's C library: HeapCompact on the process heap; 0, or -1 when
 * there is no heap. */
int _heapmin(void)
{
	HANDLE h = GetProcessHeap();

	if (!h)
		return -1;
	HeapCompact(h, 0);
	return 0;
}
