/* LocalAlloc and its family on the process heap, as seed 004 describes:
 * fixed memory is a heap block and its handle is its address; moveable
 * memory is an entry of the handle table (mtable.h) pointing at a heap
 * block, which LocalReAlloc may move while the handle stays. A freed, stale
 * or foreign handle is refused with ERROR_INVALID_HANDLE, never followed.
 * Threads: every call runs under the process heap's lock (HeapLock), as
 * Windows guards its handle table; it is recursive, so the heap calls made
 * inside go on. */
#include <windows.h>
#include "user/lib/heap_win32.h"
#include "user/lib/mtable.h"

#define ALLOC_FLAGS (LMEM_MOVEABLE | LMEM_NOCOMPACT | LMEM_NODISCARD | LMEM_ZEROINIT | \
		     LMEM_DISCARDABLE)
#define REALLOC_FLAGS (ALLOC_FLAGS | LMEM_MODIFY)

static struct mtable table;

void *mt_os_chunk(size_t size)
{
	HANDLE heap = GetProcessHeap();

	return heap ? HeapAlloc(heap, 0, size) : NULL;
}

/* What hMem names: a moveable entry (returned), a live fixed block (*fixed),
 * or nothing (ERROR_INVALID_HANDLE). */
static struct mt_entry *resolve(HLOCAL hMem, BOOL *fixed)
{
	struct mt_entry *e = mt_lookup(&table, hMem);

	*fixed = !e && hMem && HeapValidate(GetProcessHeap(), 0, hMem);
	if (!e && !*fixed)
		SetLastError(ERROR_INVALID_HANDLE);
	return e;
}

static DWORD zero_flag(UINT uFlags)
{
	return uFlags & LMEM_ZEROINIT ? HEAP_ZERO_MEMORY : 0;
}

/* A zero-byte moveable object has no block: it is discarded from the start.
 * mark: MT_ flags a moveable object starts with (GlobalAlloc's). */
static HLOCAL alloc_locked(UINT uFlags, SIZE_T uBytes, uint16_t mark)
{
	HANDLE heap = GetProcessHeap();
	struct mt_entry *e;

	if (uFlags & ~ALLOC_FLAGS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!heap || !(uFlags & LMEM_MOVEABLE))
		return heap ? HeapAlloc(heap, zero_flag(uFlags), uBytes) : NULL;
	if (!(e = mt_alloc(&table))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	e->flags |= (uBytes ? 0 : MT_DISCARDED) | (uFlags & LMEM_DISCARDABLE ? MT_DISCARDABLE : 0) |
		    mark;
	if (uBytes && !(e->block = HeapAlloc(heap, zero_flag(uFlags), uBytes))) {
		mt_free(&table, e);
		return NULL;
	}
	return mt_handle(e);
}

/* Whether h has the shape of a block's address rather than of a moveable
 * handle (4 modulo 8): Windows' unlocking takes such a value for fixed
 * memory without looking at it. */
static BOOL pointer_shaped(HLOCAL h)
{
	return !((uintptr_t)h & 4);
}

/* The block's address; a moveable object's lock count goes up (it stays at
 * 255). A discarded object gives NULL with ERROR_DISCARDED. A pointer that
 * is no block gives NULL, with ERROR_INVALID_HANDLE for GlobalLock only
 * (LocalLock leaves the last error, as Windows). */
static LPVOID lock_locked(HLOCAL hMem, BOOL global)
{
	BOOL fixed;
	DWORD error = GetLastError();
	struct mt_entry *e = resolve(hMem, &fixed);

	if (!e && !fixed && !global && pointer_shaped(hMem))
		SetLastError(error);
	if (fixed || !e)
		return fixed ? hMem : NULL;
	if (!e->block) {
		SetLastError(ERROR_DISCARDED);
		return NULL;
	}
	if (e->lock < MT_LOCK_MAX)
		e->lock++;
	return e->block;
}

/* TRUE while still locked; FALSE with NO_ERROR once unlocked, with
 * ERROR_NOT_LOCKED when it was not locked (fixed memory, or anything shaped
 * like it, never is). */
static BOOL unlock_locked(HLOCAL hMem)
{
	BOOL fixed;
	struct mt_entry *e;

	if (pointer_shaped(hMem)) {
		SetLastError(ERROR_NOT_LOCKED);
		return FALSE;
	}
	if (!(e = resolve(hMem, &fixed)))
		return FALSE;
	if (!e->lock) {
		SetLastError(ERROR_NOT_LOCKED);
		return FALSE;
	}
	if (--e->lock)
		return TRUE;
	SetLastError(NO_ERROR);
	return FALSE;
}

/* As LocalUnlock, except that fixed memory (anything shaped like it)
 * answers TRUE, with no effect and no error. */
static BOOL global_unlock_locked(HGLOBAL hMem)
{
	return pointer_shaped(hMem) ? TRUE : unlock_locked(hMem);
}

/* LMEM_MODIFY: LMEM_DISCARDABLE makes moveable memory discardable;
 * GMEM_MOVEABLE (global only) makes fixed memory moveable (a new handle to
 * the same block), while LocalReAlloc leaves it fixed and returns it, as
 * Windows does; nothing else changes anything. */
static HLOCAL modify(HLOCAL hMem, struct mt_entry *e, UINT uFlags, BOOL global)
{
	if (e && (uFlags & LMEM_DISCARDABLE))
		e->flags |= MT_DISCARDABLE;
	if (e || !(uFlags & LMEM_MOVEABLE) || !global)
		return hMem;
	if (!(e = mt_alloc(&table))) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	e->block = hMem;
	return mt_handle(e);
}

/* A moveable object to uBytes: 0 discards it (unlocked only: a locked one
 * fails with ERROR_INVALID_PARAMETER); a discarded one gets a new block; a
 * locked one stays in place unless LMEM_MOVEABLE says it may move. */
static HLOCAL resize_moveable(struct mt_entry *e, SIZE_T uBytes, UINT uFlags)
{
	HANDLE heap = GetProcessHeap();
	BOOL in_place = e->lock && !(uFlags & LMEM_MOVEABLE);
	void *p;

	if (!uBytes && e->lock) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!uBytes) {
		HeapFree(heap, 0, e->block);
		e->block = NULL;
		e->flags |= MT_DISCARDED;
		return mt_handle(e);
	}
	p = e->block ? HeapReAlloc(heap, zero_flag(uFlags) |
				   (in_place ? HEAP_REALLOC_IN_PLACE_ONLY : 0), e->block, uBytes)
		     : HeapAlloc(heap, zero_flag(uFlags), uBytes);
	if (!p)
		return NULL;
	e->block = p;
	e->flags &= (uint16_t)~MT_DISCARDED;
	return mt_handle(e);
}

/* Grows or shrinks (contents kept, LMEM_ZEROINIT zeroes what grows) or, with
 * LMEM_MODIFY, changes attributes. Fixed memory moves only with
 * LMEM_MOVEABLE. On failure NULL, and the object is as it was. */
static HLOCAL realloc_locked(HLOCAL hMem, SIZE_T uBytes, UINT uFlags, BOOL global)
{
	BOOL fixed;
	struct mt_entry *e = resolve(hMem, &fixed);

	if (!e && !fixed)
		return NULL;
	if (uFlags & ~REALLOC_FLAGS) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (uFlags & LMEM_MODIFY)
		return modify(hMem, e, uFlags, global);
	if (e)
		return resize_moveable(e, uBytes, uFlags);
	return HeapReAlloc(GetProcessHeap(), zero_flag(uFlags) |
			   (uFlags & LMEM_MOVEABLE ? 0 : HEAP_REALLOC_IN_PLACE_ONLY), hMem, uBytes);
}

/* The size asked for; 0 for a discarded object or a bad handle. */
static SIZE_T size_locked(HLOCAL hMem)
{
	BOOL fixed;
	struct mt_entry *e = resolve(hMem, &fixed);
	const void *block = e ? e->block : fixed ? hMem : NULL;

	return block ? HeapSize(GetProcessHeap(), 0, block) : 0;
}

/* The lock count in the low byte, LMEM_DISCARDABLE, LMEM_DISCARDED and
 * (global: GlobalFlags' answer) GMEM_DDESHARE, GMEM_DISCARDABLE for
 * LMEM_DISCARDABLE; 0 for fixed memory; LMEM_INVALID_HANDLE for a bad
 * handle. */
static UINT flags_locked(HLOCAL hMem, BOOL global)
{
	BOOL fixed;
	struct mt_entry *e = resolve(hMem, &fixed);
	UINT discardable = global ? GMEM_DISCARDABLE : LMEM_DISCARDABLE;

	if (!e)
		return fixed ? 0 : LMEM_INVALID_HANDLE;
	return e->lock | (e->block ? 0 : LMEM_DISCARDED) |
	       (e->flags & MT_DISCARDABLE ? discardable : 0) |
	       (global && (e->flags & MT_DDESHARE) ? GMEM_DDESHARE : 0);
}

/* The handle of the object whose memory starts at pMem (or which pMem is). */
static HLOCAL handle_locked(LPCVOID pMem)
{
	struct mt_entry *e = pMem ? mt_find_block(&table, pMem) : NULL;
	BOOL fixed;

	if (e)
		return mt_handle(e);
	e = resolve((HLOCAL)pMem, &fixed);
	return e || fixed ? (HLOCAL)pMem : NULL;
}

/* NULL on success (a locked object is freed too), hMem back on failure. The
 * address LocalLock gave for a moveable object frees that object, handle and
 * all, rather than its block alone behind the handle's back. */
static HLOCAL free_locked(HLOCAL hMem)
{
	BOOL fixed;
	struct mt_entry *e;

	if (!hMem)
		return NULL;
	e = mt_find_block(&table, hMem);
	if (!e)
		e = resolve(hMem, &fixed);
	if (!e)
		return fixed && HeapFree(GetProcessHeap(), 0, hMem) ? NULL : hMem;
	if (e->block)
		HeapFree(GetProcessHeap(), 0, e->block);
	mt_free(&table, e);
	return NULL;
}

HLOCAL heap_moveable_handle(const void *block)
{
	struct mt_entry *e = mt_find_block(&table, block);

	return e ? mt_handle(e) : NULL;
}

/* The public calls: each *_locked above under the table's lock. */
#define UNDER_TABLE_LOCK(type, call)                                                     \
	do {                                                                             \
		HANDLE heap_ = GetProcessHeap();                                         \
		if (heap_)                                                               \
			HeapLock(heap_);                                                 \
		type r_ = (call);                                                        \
		if (heap_)                                                               \
			HeapUnlock(heap_);                                               \
		return r_;                                                               \
	} while (0)

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
	UNDER_TABLE_LOCK(HLOCAL, alloc_locked(uFlags, uBytes, 0));
}

HGLOBAL heap_global_alloc(UINT uFlags, SIZE_T dwBytes)
{
	uint16_t mark = uFlags & GMEM_DDESHARE ? MT_DDESHARE : 0;

	UNDER_TABLE_LOCK(HGLOBAL, alloc_locked(uFlags & ~GMEM_DDESHARE, dwBytes, mark));
}

UINT heap_global_flags(HGLOBAL hMem)
{
	UNDER_TABLE_LOCK(UINT, flags_locked(hMem, TRUE));
}

LPVOID WINAPI LocalLock(HLOCAL hMem)
{
	UNDER_TABLE_LOCK(LPVOID, lock_locked(hMem, FALSE));
}

LPVOID heap_global_lock(HGLOBAL hMem)
{
	UNDER_TABLE_LOCK(LPVOID, lock_locked(hMem, TRUE));
}

BOOL WINAPI LocalUnlock(HLOCAL hMem)
{
	UNDER_TABLE_LOCK(BOOL, unlock_locked(hMem));
}

BOOL WINAPI GlobalUnlock(HGLOBAL hMem)
{
	UNDER_TABLE_LOCK(BOOL, global_unlock_locked(hMem));
}

HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags)
{
	UNDER_TABLE_LOCK(HLOCAL, realloc_locked(hMem, uBytes, uFlags, FALSE));
}

HGLOBAL heap_global_realloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags)
{
	UNDER_TABLE_LOCK(HGLOBAL, realloc_locked(hMem, dwBytes, uFlags, TRUE));
}

SIZE_T WINAPI LocalSize(HLOCAL hMem)
{
	UNDER_TABLE_LOCK(SIZE_T, size_locked(hMem));
}

UINT WINAPI LocalFlags(HLOCAL hMem)
{
	UNDER_TABLE_LOCK(UINT, flags_locked(hMem, FALSE));
}

HLOCAL WINAPI LocalHandle(LPCVOID pMem)
{
	UNDER_TABLE_LOCK(HLOCAL, handle_locked(pMem));
}

HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
	UNDER_TABLE_LOCK(HLOCAL, free_locked(hMem));
}
