/* Fiber-local storage (vados/winthreads.h): FlsAlloc and friends. Each
 * fiber (or thread that is no fiber) gets a block of FLS_MAXIMUM_AVAILABLE
 * values on its first FlsSetValue, named by the TEB's FlsData while it runs
 * (SwitchToFiber swaps it). The process keeps the index bitmap, each
 * index's callback and the list of every block (so FlsFree reaches every
 * fiber's value), under one slim lock; callbacks run without it. */
#include <windows.h>
#include "user/lib/runtime.h"

struct fls_block {
	struct fls_block *next, *prev;
	PVOID slots[FLS_MAXIMUM_AVAILABLE];
};

static SRWLOCK fls_lock = SRWLOCK_INIT;
static uint32_t fls_bitmap[FLS_MAXIMUM_AVAILABLE / 32];
static PFLS_CALLBACK_FUNCTION fls_callbacks[FLS_MAXIMUM_AVAILABLE];
static struct fls_block *fls_blocks;
static volatile LONG fls_used;          /* an index was ever allocated */

static BOOL fls_in_use(DWORD index)
{
	return index < FLS_MAXIMUM_AVAILABLE && (fls_bitmap[index / 32] & (1u << (index % 32)));
}

/* Index valid and allocated, else ERROR_INVALID_PARAMETER. */
static BOOL fls_index_check(DWORD index)
{
	if (fls_in_use(index))
		return TRUE;
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

DWORD WINAPI FlsAlloc(PFLS_CALLBACK_FUNCTION lpCallback)
{
	DWORD index = FLS_OUT_OF_INDEXES;

	AcquireSRWLockExclusive(&fls_lock);
	for (DWORD i = 0; i < FLS_MAXIMUM_AVAILABLE && index == FLS_OUT_OF_INDEXES; i++)
		if (!fls_in_use(i)) {
			fls_bitmap[i / 32] |= 1u << (i % 32);
			fls_callbacks[i] = lpCallback;
			index = i;
			fls_used = 1;
		}
	ReleaseSRWLockExclusive(&fls_lock);
	if (index == FLS_OUT_OF_INDEXES)
		SetLastError(ERROR_NO_MORE_ITEMS);
	return index;
}

/* Takes block b's value at index (leaving NULL; b NULL: the first block's
 * that holds one) and the index's callback, under the lock. FALSE when
 * there was no value; *callback may be NULL. */
static BOOL fls_take(struct fls_block *b, DWORD index, PVOID *value,
		     PFLS_CALLBACK_FUNCTION *callback)
{
	AcquireSRWLockExclusive(&fls_lock);
	if (!b)
		for (b = fls_blocks; b && !b->slots[index]; b = b->next)
			;
	*value = b ? b->slots[index] : NULL;
	*callback = fls_callbacks[index];
	if (b)
		b->slots[index] = NULL;
	ReleaseSRWLockExclusive(&fls_lock);
	return *value != NULL;
}

/* The callback runs for every fiber's non-NULL value, then the index is
 * free (read NULL everywhere when handed out again). */
BOOL WINAPI FlsFree(DWORD dwFlsIndex)
{
	PFLS_CALLBACK_FUNCTION callback;
	PVOID value;

	if (!fls_index_check(dwFlsIndex))
		return FALSE;
	while (fls_take(NULL, dwFlsIndex, &value, &callback))
		if (callback)
			callback(value);
	AcquireSRWLockExclusive(&fls_lock);
	fls_bitmap[dwFlsIndex / 32] &= ~(1u << (dwFlsIndex % 32));
	fls_callbacks[dwFlsIndex] = NULL;
	ReleaseSRWLockExclusive(&fls_lock);
	return TRUE;
}

PVOID WINAPI FlsGetValue(DWORD dwFlsIndex)
{
	struct fls_block *b = NtCurrentTeb()->FlsData;

	if (!fls_index_check(dwFlsIndex))
		return NULL;
	SetLastError(ERROR_SUCCESS);    /* so a NULL value is not taken for failure */
	return b ? b->slots[dwFlsIndex] : NULL;
}

BOOL WINAPI FlsSetValue(DWORD dwFlsIndex, PVOID lpFlsData)
{
	PTEB teb = NtCurrentTeb();
	struct fls_block *b = teb->FlsData;

	if (!fls_index_check(dwFlsIndex))
		return FALSE;
	if (!b) {
		b = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*b));
		if (!b) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
		AcquireSRWLockExclusive(&fls_lock);
		b->next = fls_blocks;
		if (fls_blocks)
			fls_blocks->prev = b;
		fls_blocks = b;
		ReleaseSRWLockExclusive(&fls_lock);
		teb->FlsData = b;
	}
	b->slots[dwFlsIndex] = lpFlsData;
	return TRUE;
}

void __vados_fls_release(void *block)
{
	struct fls_block *b = block;
	PFLS_CALLBACK_FUNCTION callback;
	PVOID value;

	if (!b)
		return;
	for (DWORD i = 0; i < FLS_MAXIMUM_AVAILABLE; i++)
		if (fls_take(b, i, &value, &callback) && callback)
			callback(value);
	AcquireSRWLockExclusive(&fls_lock);
	if (b->prev)
		b->prev->next = b->next;
	else
		fls_blocks = b->next;
	if (b->next)
		b->next->prev = b->prev;
	ReleaseSRWLockExclusive(&fls_lock);
	HeapFree(GetProcessHeap(), 0, b);
}

/* A process that never allocated an index has no block anywhere: its
 * threads' ends (and its exit, which may come with FS holding any selector
 * the program loaded) do not look at the TEB. */
void __vados_fls_thread_exit(void)
{
	PTEB teb;

	if (!fls_used)
		return;
	teb = NtCurrentTeb();
	/* Its callbacks still see the values: the block goes after them. */
	__vados_fls_release(teb->FlsData);
	teb->FlsData = NULL;
}
