/* <psapi.h>'s working-set calls: emptying it through the kernel's
 * working-set limits, and listing it page by page; GetMappedFileNameA;
 * EnumProcesses, EnumProcessModules(Ex) and GetModuleInformation. */
#include <windows.h>
#include <psapi.h>
#include "user/lib/win32call.h"

#define MAX_LISTED 64u          /* SYS_LIST_PROCESSES's most */

BOOL WINAPI EnumProcesses(DWORD *lpidProcess, DWORD cb, LPDWORD lpcbNeeded)
{
	struct vados_process_info list[MAX_LISTED];
	uint32_t args[2] = { (uint32_t)list, MAX_LISTED }, n;
	DWORD room = cb / sizeof(DWORD), k = 0;

	if (IsBadWritePtr(lpidProcess, cb) || IsBadWritePtr(lpcbNeeded, sizeof(DWORD))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_LIST_PROCESSES, args, &n))
		return FALSE;
	for (uint32_t i = 0; i < n && k < room; i++)
		if (!list[i].exited)
			lpidProcess[k++] = list[i].pid;
	*lpcbNeeded = k * sizeof(DWORD);
	return TRUE;
}

/* The allocation base of hProcess's first MEM_IMAGE memory: its program;
 * NULL (the last error VirtualQueryEx's) when there is none. */
static HMODULE image_of(HANDLE hProcess)
{
	MEMORY_BASIC_INFORMATION m;
	const char *at = NULL;

	while (VirtualQueryEx(hProcess, at, &m, sizeof(m)) && m.RegionSize) {
		if (m.Type == MEM_IMAGE)
			return (HMODULE)m.AllocationBase;
		at = (const char *)m.BaseAddress + m.RegionSize;
		if (!at)
			break;
	}
	return NULL;
}

BOOL WINAPI EnumProcessModules(HANDLE hProcess, HMODULE *lphModule, DWORD cb,
			       LPDWORD lpcbNeeded)
{
	HMODULE image;

	if (IsBadWritePtr(lphModule, cb) || IsBadWritePtr(lpcbNeeded, sizeof(DWORD))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	image = image_of(hProcess);
	if (!image)
		return FALSE;
	if (cb >= sizeof(HMODULE))
		lphModule[0] = image;
	*lpcbNeeded = sizeof(HMODULE);
	return TRUE;
}

/* The same: a process's one module is 32-bit whatever the filter, one of
 * the LIST_MODULES_* values (another: ERROR_INVALID_PARAMETER). */
BOOL WINAPI EnumProcessModulesEx(HANDLE hProcess, HMODULE *lphModule, DWORD cb,
				 LPDWORD lpcbNeeded, DWORD dwFilterFlag)
{
	if (dwFilterFlag > LIST_MODULES_ALL) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return EnumProcessModules(hProcess, lphModule, cb, lpcbNeeded);
}

/* The bytes of image's MEM_IMAGE regions in hProcess, from its base on. */
static DWORD image_size(HANDLE hProcess, HMODULE image)
{
	MEMORY_BASIC_INFORMATION m;
	const char *at = (const char *)image;

	while (VirtualQueryEx(hProcess, at, &m, sizeof(m)) && m.AllocationBase == image &&
	       m.Type == MEM_IMAGE)
		at += m.RegionSize;
	return (DWORD)(at - (const char *)image);
}

/* The entry point of image in hProcess: its ELF header's e_entry moved as
 * the image was, from the segment that maps the header (offset 0) to the
 * base; NULL with ReadProcessMemory's error. */
static PVOID image_entry(HANDLE hProcess, HMODULE image)
{
	struct { BYTE ident[16]; WORD type, machine; DWORD version, entry, phoff, shoff, flags;
		 WORD ehsize, phentsize, phnum, shentsize, shnum, shstrndx; } eh;
	struct { DWORD type, offset, vaddr, paddr, filesz, memsz, flags, align; } ph;
	const char *base = (const char *)image;

	if (!ReadProcessMemory(hProcess, base, &eh, sizeof(eh), NULL))
		return NULL;
	for (WORD i = 0; i < eh.phnum; i++) {
		if (!ReadProcessMemory(hProcess, base + eh.phoff + i * eh.phentsize, &ph, sizeof(ph),
				       NULL))
			return NULL;
		if (ph.type == 1 && ph.offset == 0)             /* PT_LOAD */
			return (PVOID)(base + (eh.entry - ph.vaddr));
	}
	SetLastError(ERROR_BAD_EXE_FORMAT);
	return NULL;
}

/* hModule NULL or hProcess's program (PROCESS_QUERY_INFORMATION |
 * PROCESS_VM_READ): its base, image size and entry point. cb below
 * sizeof(MODULEINFO): ERROR_INSUFFICIENT_BUFFER; another module:
 * ERROR_INVALID_HANDLE. */
BOOL WINAPI GetModuleInformation(HANDLE hProcess, HMODULE hModule, LPMODULEINFO lpmodinfo,
				 DWORD cb)
{
	HMODULE image;
	MODULEINFO info;

	if (cb < sizeof(MODULEINFO)) {
		SetLastError(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	if (!(image = image_of(hProcess)))
		return FALSE;
	if (hModule && hModule != image) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	info.lpBaseOfDll = image;
	info.SizeOfImage = image_size(hProcess, image);
	if (!(info.EntryPoint = image_entry(hProcess, image)))
		return FALSE;
	if (IsBadWritePtr(lpmodinfo, sizeof(*lpmodinfo))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	*lpmodinfo = info;
	return TRUE;
}

/* Takes every page that can go out of the process's working set, as
 * SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1) does. */
BOOL WINAPI EmptyWorkingSet(HANDLE hProcess)
{
	return SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1);
}

/* pv: a PSAPI_WORKING_SET_INFORMATION of cb bytes. NumberOfEntries always
 * gets the number of pages; with too little room for them, FALSE with
 * ERROR_BAD_LENGTH. */
BOOL WINAPI QueryWorkingSet(HANDLE hProcess, PVOID pv, DWORD cb)
{
	PSAPI_WORKING_SET_INFORMATION *info = pv;
	uint32_t room = cb >= sizeof(ULONG_PTR) ? (cb - sizeof(ULONG_PTR)) / sizeof(ULONG_PTR) : 0;
	uint32_t a[3] = { (uint32_t)hProcess, (uint32_t)info->WorkingSetInfo, room }, total;

	if (cb < sizeof(ULONG_PTR) || IsBadWritePtr(pv, cb)) {
		SetLastError(cb < sizeof(ULONG_PTR) ? ERROR_BAD_LENGTH : ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_QUERY_WORKING_SET, a, &total))
		return FALSE;
	info->NumberOfEntries = total;
	if (total <= room)
		return TRUE;
	SetLastError(ERROR_BAD_LENGTH);
	return FALSE;
}

/* pv: cb bytes of PSAPI_WORKING_SET_EX_INFORMATION, VirtualAddress filled
 * in; each gets its VirtualAttributes. */
BOOL WINAPI QueryWorkingSetEx(HANDLE hProcess, PVOID pv, DWORD cb)
{
	uint32_t a[3] = { (uint32_t)hProcess, (uint32_t)pv,
			  cb / sizeof(PSAPI_WORKING_SET_EX_INFORMATION) };

	if (a[2] == 0) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	return win32_call(SYS_QUERY_WORKING_SET_EX, a, NULL);
}

DWORD WINAPI GetMappedFileNameA(HANDLE hProcess, LPVOID lpv, LPSTR lpFilename, DWORD nSize)
{
	uint32_t a[4] = { (uint32_t)hProcess, (uint32_t)lpv, (uint32_t)lpFilename, nSize }, len;

	return win32_call(SYS_QUERY_MAPPED_FILE, a, &len) ? len : 0;
}

/* The handles in hProcess's table (PROCESS_QUERY_(LIMITED_)INFORMATION),
 * as the kernel's process list counts them. */
BOOL WINAPI GetProcessHandleCount(HANDLE hProcess, PDWORD pdwHandleCount)
{
	struct vados_process_info list[MAX_LISTED];
	uint32_t args[2] = { (uint32_t)list, MAX_LISTED }, n;
	DWORD pid = GetProcessId(hProcess);

	if (!pid)
		return FALSE;
	if (IsBadWritePtr(pdwHandleCount, sizeof(*pdwHandleCount))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (!win32_call(SYS_LIST_PROCESSES, args, &n))
		return FALSE;
	for (uint32_t i = 0; i < n; i++)
		if (list[i].pid == pid) {
			*pdwHandleCount = list[i].handles;
			return TRUE;
		}
	SetLastError(ERROR_INVALID_HANDLE);
	return FALSE;
}
