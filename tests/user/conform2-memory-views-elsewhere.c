/* MapViewOfFile2, MapViewOfFileNuma2, MapViewOfFile3 and UnmapViewOfFile2
 * map and unmap views in the process a handle names, as Microsoft documents
 * them (vados mapped into the caller's own only, ERROR_NOT_SUPPORTED): a
 * pagefile section shared with a child (tests/user/virtual-child.c), seen
 * through VirtualQueryEx and Read/WriteProcessMemory; a handle without
 * PROCESS_VM_OPERATION is ERROR_ACCESS_DENIED, no handle ERROR_INVALID_HANDLE,
 * a NUMA node other than 0 ERROR_INVALID_PARAMETER; a view in the child
 * keeps the section after every handle to it is closed, until the child
 * ends. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "conform2-memory-views-elsewhere"
#include "check.h"
#include "virtual-child.h"

#define PAGE 4096u
#define SIZE (4 * PAGE)

/* A view in the child shares the section's pages with the caller's. */
static void shared_with_child(HANDLE child, HANDLE s, char *mine)
{
	MEMORY_BASIC_INFORMATION m;
	char buf[8] = { 0 };
	SIZE_T n = 0;
	char *theirs = MapViewOfFile2(s, child, 0, NULL, 0, 0, PAGE_READWRITE);

	CHECK(theirs != NULL, "MapViewOfFile2 into the child: %lu", GetLastError());
	CHECK(VirtualQueryEx(child, theirs, &m, sizeof(m)) && m.Type == MEM_MAPPED &&
	      m.State == MEM_COMMIT && m.Protect == PAGE_READWRITE && m.RegionSize == SIZE &&
	      m.AllocationBase == theirs, "the child's view: type %lx state %lx prot %lx size %lx",
	      m.Type, m.State, m.Protect, (unsigned long)m.RegionSize);
	CHECK(ReadProcessMemory(child, theirs + PAGE, buf, 5, &n) && n == 5 &&
	      memcmp(buf, "hello", 5) == 0, "the child reads the caller's write: %.5s", buf);
	CHECK(WriteProcessMemory(child, theirs + 2 * PAGE, "world", 5, &n) && n == 5 &&
	      memcmp(mine + 2 * PAGE, "world", 5) == 0, "the caller reads the child's write");
	CHECK(UnmapViewOfFile2(child, theirs, 0), "UnmapViewOfFile2: %lu", GetLastError());
	CHECK(VirtualQueryEx(child, theirs, &m, sizeof(m)) && m.State == MEM_FREE,
	      "unmapped: state %lx", m.State);
	FAILS(UnmapViewOfFile2(child, theirs, 0), FALSE, ERROR_INVALID_ADDRESS);
	CHECK(memcmp(mine + PAGE, "hello", 5) == 0, "the caller's view stays");
}

/* MapViewOfFile3 at a base asked for, and MapViewOfFileNuma2's node. */
static void placed_in_child(HANDLE child, HANDLE s)
{
	MEMORY_BASIC_INFORMATION m;
	char *want = (char *)0x30000000, *v;

	v = MapViewOfFile3(s, child, want + 0x1234, 0, PAGE, 0, PAGE_READONLY, NULL, 0);
	CHECK(v == want, "MapViewOfFile3 at %p: %p, %lu", want, v, GetLastError());
	CHECK(VirtualQueryEx(child, want, &m, sizeof(m)) && m.Protect == PAGE_READONLY &&
	      m.RegionSize == PAGE, "prot %lx size %lx", m.Protect, (unsigned long)m.RegionSize);
	FAILS(MapViewOfFile3(s, child, want, 0, PAGE, 0, PAGE_READONLY, NULL, 0), NULL,
	      ERROR_INVALID_ADDRESS);
	CHECK(UnmapViewOfFile2(child, want + 100, 0), "inside the view: %lu", GetLastError());
	v = MapViewOfFileNuma2(s, child, PAGE * 0, NULL, 0, 0, PAGE_READONLY, 0);
	CHECK(v != NULL && UnmapViewOfFile2(child, v, 0), "node 0: %lu", GetLastError());
	FAILS(MapViewOfFileNuma2(s, child, 0, NULL, 0, 0, PAGE_READONLY, 5), NULL,
	      ERROR_INVALID_PARAMETER);
	FAILS(MapViewOfFile2(s, NULL, 0, NULL, 0, 0, PAGE_READONLY), NULL, ERROR_INVALID_HANDLE);
	FAILS(UnmapViewOfFile2(child, want, 8), FALSE, ERROR_INVALID_PARAMETER);
}

/* Rights: PROCESS_VM_OPERATION maps and unmaps, a query-only handle does
 * neither; an event handle is no process. */
static void rights(HANDLE child, HANDLE s)
{
	DWORD pid = GetProcessId(child);
	HANDLE q = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, pid);
	HANDLE op = OpenProcess(PROCESS_VM_OPERATION, FALSE, pid);
	HANDLE e = CreateEventA(NULL, FALSE, FALSE, NULL);
	char *v;

	CHECK(q && op && e, "handles: %lu", GetLastError());
	FAILS(MapViewOfFile2(s, q, 0, NULL, 0, 0, PAGE_READONLY), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile2(s, e, 0, NULL, 0, 0, PAGE_READONLY), NULL, ERROR_INVALID_HANDLE);
	v = MapViewOfFile2(s, op, 0, NULL, 0, 0, PAGE_READONLY);
	CHECK(v != NULL, "PROCESS_VM_OPERATION maps: %lu", GetLastError());
	FAILS(UnmapViewOfFile2(q, v, 0), FALSE, ERROR_ACCESS_DENIED);
	CHECK(UnmapViewOfFile2(op, v, 0), "PROCESS_VM_OPERATION unmaps: %lu", GetLastError());
	CloseHandle(q);
	CloseHandle(op);
	CloseHandle(e);
}

int main(void)
{
	HANDLE child = virtual_child_start();
	HANDLE s = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, NULL);
	char *mine = s ? MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0) : NULL;
	MEMORY_BASIC_INFORMATION m;
	char *left;

	CHECK(child && mine, "setup: %lu", GetLastError());
	if (!child || !mine)
		return 1;
	memcpy(mine + PAGE, "hello", 5);
	shared_with_child(child, s, mine);
	placed_in_child(child, s);
	rights(child, s);
	/* A view left in the child holds the section past its last handle. */
	left = MapViewOfFile2(s, child, 0, NULL, 0, 0, PAGE_READWRITE);
	CHECK(left != NULL, "%lu", GetLastError());
	CHECK(UnmapViewOfFile(mine) && CloseHandle(s), "%lu", GetLastError());
	CHECK(VirtualQueryEx(child, left, &m, sizeof(m)) && m.Type == MEM_MAPPED,
	      "the child's view outlives the handle: type %lx", m.Type);
	CHECK(TerminateProcess(child, 0) && WaitForSingleObject(child, 5000) == WAIT_OBJECT_0,
	      "the child ends: %lu", GetLastError());
	CloseHandle(child);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
