/* The process's environment variables, kept in its own memory as Windows
 * keeps them (the PEB's ProcessParameters->Environment): first the block
 * the kernel placed for the process (CreateProcess's lpEnvironment, the
 * creator's, or the default one), then, from the first change on, a copy
 * on the process heap. One lock for the block; envblock.c does the work. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "user/lib/envblock.h"
#include "user/lib/runtime.h"

#define ENV_MAX (32u << 10)     /* the kernel's limit on a block (kernel/ps/environ.c) */

static CRITICAL_SECTION env_lock;
static char *env_block;
static BOOL env_on_heap;        /* env_block is a heap copy (else the kernel's) */

void __vados_env_init(char *block)
{
	InitializeCriticalSection(&env_lock);
	env_block = block;
}

/* A readable name, or FALSE with ERROR_NOACCESS. */
static BOOL readable(LPCSTR s)
{
	if (IsBadStringPtrA(s, (UINT_PTR)-1)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return TRUE;
}

/* The value's length and nSize decide: the value and its length, or the
 * size it needs (its NUL included) with lpBuffer untouched. A name the
 * block lacks: 0 with ERROR_ENVVAR_NOT_FOUND. */
DWORD WINAPI GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize)
{
	const char *value;
	DWORD len = 0, ret = 0;

	if (lpName && !readable(lpName))
		return 0;
	EnterCriticalSection(&env_lock);
	value = lpName ? envb_find(env_block, lpName) : NULL;
	if (value)
		len = strlen(value);
	if (!value)
		SetLastError(ERROR_ENVVAR_NOT_FOUND);
	else if (nSize <= len)
		ret = len + 1;
	else if (IsBadWritePtr(lpBuffer, len + 1))
		SetLastError(ERROR_NOACCESS);
	else
		memcpy(lpBuffer, value, (ret = len) + 1);
	LeaveCriticalSection(&env_lock);
	return ret;
}

/* Sets lpName to lpValue, or deletes it (lpValue NULL; deleting a name the
 * block lacks succeeds). An empty name or one with '=' past its first
 * character: ERROR_INVALID_PARAMETER; a block that would pass 32 KiB (the
 * total Windows XP allowed): ERROR_NOT_ENOUGH_MEMORY. */
BOOL WINAPI SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue)
{
	size_t size;
	char *block;

	if (!readable(lpName) || (lpValue && !readable(lpValue)))
		return FALSE;
	if (!envb_name_valid(lpName)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	EnterCriticalSection(&env_lock);
	size = envb_size(env_block) + strlen(lpName) + (lpValue ? strlen(lpValue) : 0) + 2;
	block = size <= ENV_MAX ? HeapAlloc(GetProcessHeap(), 0, size) : NULL;
	if (block) {
		envb_set(env_block, lpName, lpValue, block);
		if (env_on_heap)
			HeapFree(GetProcessHeap(), 0, env_block);
		env_block = block;
		env_on_heap = TRUE;
	}
	LeaveCriticalSection(&env_lock);
	if (!block)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return block != NULL;
}

/* A copy of the block on the process heap (FreeEnvironmentStringsA frees
 * it), or NULL with ERROR_NOT_ENOUGH_MEMORY. */
LPCH WINAPI GetEnvironmentStringsA(VOID)
{
	char *copy;
	size_t size;

	EnterCriticalSection(&env_lock);
	size = envb_size(env_block);
	if ((copy = HeapAlloc(GetProcessHeap(), 0, size)) != NULL)
		memcpy(copy, env_block, size);
	LeaveCriticalSection(&env_lock);
	if (!copy)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return copy;
}

BOOL WINAPI FreeEnvironmentStringsA(LPCH penv)
{
	return HeapFree(GetProcessHeap(), 0, penv);
}

/* Returns the characters the expansion needs, its NUL included; written to
 * lpDst only when nSize holds them all (ANSI needs no extra character
 * here). A bad lpSrc or lpDst: 0 with ERROR_NOACCESS. */
DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR lpSrc, LPSTR lpDst, DWORD nSize)
{
	DWORD need;

	if (!readable(lpSrc))
		return 0;
	EnterCriticalSection(&env_lock);
	need = envb_expand(env_block, lpSrc, NULL, 0);
	if (need <= nSize && IsBadWritePtr(lpDst, need)) {
		SetLastError(ERROR_NOACCESS);
		need = 0;
	} else if (need <= nSize) {
		envb_expand(env_block, lpSrc, lpDst, nSize);
	}
	LeaveCriticalSection(&env_lock);
	return need;
}

/* The C library's: the value in the block (valid until the block next
 * changes), or NULL. Names compare without case, as on Windows. */
char *getenv(const char *name)
{
	char *value;

	EnterCriticalSection(&env_lock);
	value = (char *)envb_find(env_block, name);
	LeaveCriticalSection(&env_lock);
	return value;
}
