/* The Tool Help snapshot (<tlhelp32.h>), as NT keeps it: an unnamed section
 * holding what CreateToolhelp32Snapshot saw (the processes and threads
 * the kernel lists, the program image of a process, the caller's heaps),
 * with each walk's position; the handle is the section's, so CloseHandle
 * ends it and it can be inherited. The heap walks (Heap32First/Next) are
 * live, over HeapWalk. */
#include <stddef.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>
#include <tlhelp32.h>
#include "user/lib/wide_arg.h"
#include "user/lib/win32call.h"

#define SNAP_MAGIC      0x50414e53u     /* "SNAP" */
#define LISTED_MAX      64u             /* SYS_LIST_PROCESSES's and _THREADS' most */
#define HEAPS_MAX       64u

enum walk { WALK_PROCESS, WALK_THREAD, WALK_MODULE, WALK_HEAP, WALKS };

struct snap_process {
	DWORD pid, parent, threads, priority;
	char name[MAX_PATH];
};

struct snap_thread {
	DWORD tid, pid, priority;
};

struct snap_module {
	DWORD pid, size;
	BYTE *base;
	char path[MAX_PATH];
};

struct snap_heap {
	DWORD pid, flags;
	ULONG_PTR id;
};

/* The section's start; the arrays follow, in enum walk's order. */
struct snap_header {
	DWORD magic;
	DWORD count[WALKS];
	DWORD next[WALKS];              /* each walk's next entry */
	DWORD offset[WALKS];            /* where each walk's array starts */
};

static const DWORD entry_size[WALKS] = {
	sizeof(struct snap_process), sizeof(struct snap_thread),
	sizeof(struct snap_module), sizeof(struct snap_heap),
};

/* What a snapshot is made of, before it goes into its section. */
struct snap_build {
	struct snap_process process[LISTED_MAX];
	struct snap_thread thread[LISTED_MAX * 4];
	struct snap_module module[1];
	struct snap_heap heap[HEAPS_MAX];
	DWORD count[WALKS];
};

static void take_processes(struct snap_build *b, const struct vados_process_info *list, DWORD n)
{
	for (DWORD i = 0; i < n; i++) {
		struct snap_process *p = &b->process[b->count[WALK_PROCESS]];
		if (list[i].exited)
			continue;
		p->pid = list[i].pid;
		p->parent = list[i].parent_pid;
		p->threads = list[i].threads;
		p->priority = list[i].priority_base;
		strncpy(p->name, list[i].name, sizeof(p->name) - 1);
		b->count[WALK_PROCESS]++;
	}
}

/* Every live process's threads, up to the room there is. */
static void take_threads(struct snap_build *b, const struct vados_process_info *list, DWORD n)
{
	struct vados_thread_info t[LISTED_MAX];
	DWORD room = sizeof(b->thread) / sizeof(b->thread[0]);

	for (DWORD i = 0; i < n; i++) {
		uint32_t args[3] = { list[i].pid, (uint32_t)t, LISTED_MAX }, k;
		if (list[i].exited || !win32_call(SYS_LIST_THREADS, args, &k))
			continue;
		for (DWORD j = 0; j < k && b->count[WALK_THREAD] < room; j++)
			if (t[j].state != 3)    /* ended */
				b->thread[b->count[WALK_THREAD]++] =
					(struct snap_thread){ t[j].tid, t[j].pid, t[j].base_priority };
	}
}

/* The program image of process pid: its base, the bytes of its image
 * allocation, its path. FALSE: the process cannot be opened (its error). */
static BOOL take_module(struct snap_build *b, DWORD pid)
{
	HANDLE h = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, pid);
	struct snap_module *m = &b->module[0];
	MEMORY_BASIC_INFORMATION mbi;
	HMODULE image;
	DWORD needed;
	BYTE *at;

	if (!h)
		return FALSE;
	if (EnumProcessModules(h, &image, sizeof(image), &needed) && needed &&
	    GetModuleFileNameExA(h, NULL, m->path, sizeof(m->path))) {
		m->pid = pid;
		m->base = (BYTE *)image;
		for (at = m->base; VirtualQueryEx(h, at, &mbi, sizeof(mbi)) &&
		     mbi.AllocationBase == (PVOID)image; at += mbi.RegionSize)
			m->size += mbi.RegionSize;
		b->count[WALK_MODULE] = 1;
	}
	CloseHandle(h);
	return TRUE;
}

static void take_heaps(struct snap_build *b)
{
	HANDLE heaps[HEAPS_MAX];
	DWORD n = GetProcessHeaps(HEAPS_MAX, heaps);

	for (DWORD i = 0; i < n && i < HEAPS_MAX; i++)
		b->heap[b->count[WALK_HEAP]++] = (struct snap_heap){
			GetCurrentProcessId(), heaps[i] == GetProcessHeap() ? HF32_DEFAULT : 0,
			(ULONG_PTR)heaps[i] };
}

/* The section for b, its arrays copied in; NULL with the last error. */
static HANDLE snap_section(const struct snap_build *b, BOOL inherit)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, inherit };
	const void *from[WALKS] = { b->process, b->thread, b->module, b->heap };
	struct snap_header head = { .magic = SNAP_MAGIC };
	DWORD size = sizeof(head);
	HANDLE s;
	BYTE *v;

	for (int w = 0; w < WALKS; w++) {
		head.count[w] = b->count[w];
		head.offset[w] = size;
		size += b->count[w] * entry_size[w];
	}
	s = CreateFileMappingA(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0, size, NULL);
	if (!s)
		return NULL;
	if (!(v = MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, size))) {
		CloseHandle(s);
		return NULL;
	}
	memcpy(v, &head, sizeof(head));
	for (int w = 0; w < WALKS; w++)
		memcpy(v + head.offset[w], from[w], head.count[w] * entry_size[w]);
	UnmapViewOfFile(v);
	return s;
}

HANDLE WINAPI CreateToolhelp32Snapshot(DWORD dwFlags, DWORD th32ProcessID)
{
	struct vados_process_info list[LISTED_MAX];
	uint32_t args[2] = { (uint32_t)list, LISTED_MAX }, n = 0;
	struct snap_build *b = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*b));
	DWORD pid = th32ProcessID ? th32ProcessID : GetCurrentProcessId();
	HANDLE s = INVALID_HANDLE_VALUE;

	if (!b) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return INVALID_HANDLE_VALUE;
	}
	if (!win32_call(SYS_LIST_PROCESSES, args, &n))
		goto out;
	if (dwFlags & TH32CS_SNAPPROCESS)
		take_processes(b, list, n);
	if (dwFlags & TH32CS_SNAPTHREAD)
		take_threads(b, list, n);
	if (dwFlags & (TH32CS_SNAPMODULE | TH32CS_SNAPMODULE32) && !take_module(b, pid)) {
		if (GetLastError() != ERROR_ACCESS_DENIED)
			SetLastError(ERROR_INVALID_PARAMETER);
		goto out;
	}
	if (dwFlags & TH32CS_SNAPHEAPLIST && pid == GetCurrentProcessId())
		take_heaps(b);
	if (!(s = snap_section(b, (dwFlags & TH32CS_INHERIT) != 0)))
		s = INVALID_HANDLE_VALUE;
out:
	HeapFree(GetProcessHeap(), 0, b);
	return s;
}

/* Walk w's entry, from the start (first) or the next one, copied to *out;
 * FALSE with ERROR_NO_MORE_FILES past the end, the section's error for a
 * handle that is none, ERROR_INVALID_PARAMETER for another section. */
static BOOL walk(HANDLE snap, enum walk w, BOOL first, void *out)
{
	struct snap_header *h = MapViewOfFile(snap, FILE_MAP_WRITE, 0, 0, 0);
	BOOL ok = FALSE;

	if (!h)
		return FALSE;
	if (h->magic != SNAP_MAGIC) {
		SetLastError(ERROR_INVALID_PARAMETER);
	} else {
		if (first)
			h->next[w] = 0;
		if (h->next[w] >= h->count[w]) {
			SetLastError(ERROR_NO_MORE_FILES);
		} else {
			memcpy(out, (BYTE *)h + h->offset[w] + h->next[w]++ * entry_size[w],
			       entry_size[w]);
			ok = TRUE;
		}
	}
	UnmapViewOfFile(h);
	return ok;
}

/* Whether a caller's structure declares at least need bytes (dwSize);
 * else ERROR_BAD_LENGTH (an unreadable one: ERROR_NOACCESS). */
static BOOL sized(const void *p, DWORD need)
{
	if (IsBadWritePtr((LPVOID)p, need)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (*(const DWORD *)p < need) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	return TRUE;
}

static BOOL process_entry(HANDLE snap, BOOL first, LPPROCESSENTRY32 pe)
{
	struct snap_process p;

	if (!sized(pe, sizeof(*pe)) || !walk(snap, WALK_PROCESS, first, &p))
		return FALSE;
	memset(&pe->cntUsage, 0, sizeof(*pe) - sizeof(pe->dwSize));
	pe->th32ProcessID = p.pid;
	pe->cntThreads = p.threads;
	pe->th32ParentProcessID = p.parent;
	pe->pcPriClassBase = (LONG)p.priority;
	strcpy(pe->szExeFile, p.name);
	return TRUE;
}

BOOL WINAPI Process32First(HANDLE hSnapshot, LPPROCESSENTRY32 lppe)
{
	return process_entry(hSnapshot, TRUE, lppe);
}

BOOL WINAPI Process32Next(HANDLE hSnapshot, LPPROCESSENTRY32 lppe)
{
	return process_entry(hSnapshot, FALSE, lppe);
}

/* The A entry, widened (its names are CP437). */
static BOOL process_entry_w(HANDLE snap, BOOL first, LPPROCESSENTRY32W pe)
{
	PROCESSENTRY32 a = { .dwSize = sizeof(a) };

	if (!sized(pe, sizeof(*pe)) || !process_entry(snap, first, &a))
		return FALSE;
	memcpy(&pe->cntUsage, &a.cntUsage, offsetof(PROCESSENTRY32, szExeFile) - sizeof(DWORD));
	wide_widen(a.szExeFile, pe->szExeFile, MAX_PATH);
	return TRUE;
}

BOOL WINAPI Process32FirstW(HANDLE hSnapshot, LPPROCESSENTRY32W lppe)
{
	return process_entry_w(hSnapshot, TRUE, lppe);
}

BOOL WINAPI Process32NextW(HANDLE hSnapshot, LPPROCESSENTRY32W lppe)
{
	return process_entry_w(hSnapshot, FALSE, lppe);
}

static BOOL thread_entry(HANDLE snap, BOOL first, LPTHREADENTRY32 te)
{
	struct snap_thread t;

	if (!sized(te, sizeof(*te)) || !walk(snap, WALK_THREAD, first, &t))
		return FALSE;
	memset(&te->cntUsage, 0, sizeof(*te) - sizeof(te->dwSize));
	te->th32ThreadID = t.tid;
	te->th32OwnerProcessID = t.pid;
	te->tpBasePri = (LONG)t.priority;
	return TRUE;
}

BOOL WINAPI Thread32First(HANDLE hSnapshot, LPTHREADENTRY32 lpte)
{
	return thread_entry(hSnapshot, TRUE, lpte);
}

BOOL WINAPI Thread32Next(HANDLE hSnapshot, LPTHREADENTRY32 lpte)
{
	return thread_entry(hSnapshot, FALSE, lpte);
}

static BOOL module_entry(HANDLE snap, BOOL first, LPMODULEENTRY32 me)
{
	struct snap_module m;
	const char *base;

	if (!sized(me, sizeof(*me)) || !walk(snap, WALK_MODULE, first, &m))
		return FALSE;
	memset(&me->th32ModuleID, 0, sizeof(*me) - sizeof(me->dwSize));
	me->th32ModuleID = 1;
	me->th32ProcessID = m.pid;
	me->GlblcntUsage = me->ProccntUsage = 0xffff;   /* as Windows reports them */
	me->modBaseAddr = m.base;
	me->modBaseSize = m.size;
	me->hModule = (HMODULE)m.base;
	base = strrchr(m.path, '\\');
	strncpy(me->szModule, base ? base + 1 : m.path, MAX_MODULE_NAME32);
	strcpy(me->szExePath, m.path);
	return TRUE;
}

BOOL WINAPI Module32First(HANDLE hSnapshot, LPMODULEENTRY32 lpme)
{
	return module_entry(hSnapshot, TRUE, lpme);
}

BOOL WINAPI Module32Next(HANDLE hSnapshot, LPMODULEENTRY32 lpme)
{
	return module_entry(hSnapshot, FALSE, lpme);
}

static BOOL module_entry_w(HANDLE snap, BOOL first, LPMODULEENTRY32W me)
{
	MODULEENTRY32 a = { .dwSize = sizeof(a) };

	if (!sized(me, sizeof(*me)) || !module_entry(snap, first, &a))
		return FALSE;
	memcpy(&me->th32ModuleID, &a.th32ModuleID,
	       offsetof(MODULEENTRY32, szModule) - sizeof(DWORD));
	wide_widen(a.szModule, me->szModule, MAX_MODULE_NAME32 + 1);
	wide_widen(a.szExePath, me->szExePath, MAX_PATH);
	return TRUE;
}

BOOL WINAPI Module32FirstW(HANDLE hSnapshot, LPMODULEENTRY32W lpme)
{
	return module_entry_w(hSnapshot, TRUE, lpme);
}

BOOL WINAPI Module32NextW(HANDLE hSnapshot, LPMODULEENTRY32W lpme)
{
	return module_entry_w(hSnapshot, FALSE, lpme);
}

static BOOL heap_list_entry(HANDLE snap, BOOL first, LPHEAPLIST32 hl)
{
	struct snap_heap h;

	if (!sized(hl, sizeof(*hl)) || !walk(snap, WALK_HEAP, first, &h))
		return FALSE;
	hl->th32ProcessID = h.pid;
	hl->th32HeapID = h.id;
	hl->dwFlags = h.flags;
	return TRUE;
}

BOOL WINAPI Heap32ListFirst(HANDLE hSnapshot, LPHEAPLIST32 lphl)
{
	return heap_list_entry(hSnapshot, TRUE, lphl);
}

BOOL WINAPI Heap32ListNext(HANDLE hSnapshot, LPHEAPLIST32 lphl)
{
	return heap_list_entry(hSnapshot, FALSE, lphl);
}

/* Block number index of he's heap, by HeapWalk from the start (dwResvd
 * keeps the walk's place between calls); FALSE with ERROR_NO_MORE_FILES
 * past the last. Regions and uncommitted ranges are not blocks. */
static BOOL heap_block(LPHEAPENTRY32 he, DWORD index)
{
	PROCESS_HEAP_ENTRY e = { .lpData = NULL };
	HANDLE heap = (HANDLE)he->th32HeapID;
	DWORD k = 0;
	BOOL found = FALSE;

	if (!HeapLock(heap))
		return FALSE;
	while (!found && HeapWalk(heap, &e))
		if (!(e.wFlags & (PROCESS_HEAP_REGION | PROCESS_HEAP_UNCOMMITTED_RANGE)) &&
		    k++ == index)
			found = TRUE;
	HeapUnlock(heap);
	if (!found) {
		SetLastError(ERROR_NO_MORE_FILES);
		return FALSE;
	}
	he->hHandle = heap;
	he->dwAddress = (ULONG_PTR)e.lpData;
	he->dwBlockSize = e.cbData;
	he->dwFlags = e.wFlags & PROCESS_HEAP_ENTRY_BUSY ?
		      (e.wFlags & PROCESS_HEAP_ENTRY_MOVEABLE ? LF32_MOVEABLE : LF32_FIXED) : LF32_FREE;
	he->dwLockCount = 0;
	he->dwResvd = index;
	return TRUE;
}

BOOL WINAPI Heap32First(LPHEAPENTRY32 lphe, DWORD th32ProcessID, ULONG_PTR th32HeapID)
{
	if (!sized(lphe, sizeof(*lphe)))
		return FALSE;
	if (th32ProcessID && th32ProcessID != GetCurrentProcessId()) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	lphe->th32ProcessID = GetCurrentProcessId();
	lphe->th32HeapID = th32HeapID;
	return heap_block(lphe, 0);
}

BOOL WINAPI Heap32Next(LPHEAPENTRY32 lphe)
{
	return sized(lphe, sizeof(*lphe)) && heap_block(lphe, lphe->dwResvd + 1);
}

BOOL WINAPI Toolhelp32ReadProcessMemory(DWORD th32ProcessID, LPCVOID lpBaseAddress,
					PVOID lpBuffer, SIZE_T cbRead,
					SIZE_T *lpNumberOfBytesRead)
{
	HANDLE h = OpenProcess(PROCESS_VM_READ, FALSE, th32ProcessID);
	BOOL ok;

	if (!h)
		return FALSE;
	ok = ReadProcessMemory(h, lpBaseAddress, lpBuffer, cbRead, lpNumberOfBytesRead);
	CloseHandle(h);
	return ok;
}
