/* ProcessWalker, after the sample of "Managing Virtual Memory": walks a
 * process's address space from 0 to 0x7FFF0000 with VirtualQueryEx, one line
 * per region (base, size, state, protection, type, allocation base; a MAPPED
 * region adds its section's name, or "(unnamed section)"), then a summary
 * line. The regions must tile the range exactly.
 *
 *   walker         walks itself
 *   walker PID     walks process PID (OpenProcess(PROCESS_QUERY_INFORMATION))
 *
 * Exit status 0, or 1 with one error line (no such process, a failed query). */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <psapi.h>
#include "vados/calls.h"

#define USER_END 0x7FFF0000u

struct totals {
	DWORD regions;
	SIZE_T free, reserved, committed, image, priv, mapped;
};

/* Writes the name of a protection (READWRITE+GUARD, ...) into buf. */
static const char *protect_name(DWORD protect, char *buf, size_t size)
{
	static const char *const base[] = {
		"NOACCESS", "READONLY", "READWRITE", "WRITECOPY", "EXECUTE", "EXECUTE_READ",
		"EXECUTE_READWRITE", "EXECUTE_WRITECOPY",
	};
	DWORD bits = protect & 0xff;
	int i = 0;

	if (protect == 0)
		return "-";
	while (i < 8 && bits != (1u << i))
		i++;
	if (i == 8 || (protect & ~0x3ffu))
		snprintf(buf, size, "0x%lx", protect);
	else
		snprintf(buf, size, "%s%s%s", base[i], protect & PAGE_GUARD ? "+GUARD" : "",
			 protect & PAGE_NOCACHE ? "+NOCACHE" : "");
	return buf;
}

static const char *state_name(DWORD state)
{
	return state == MEM_COMMIT ? "COMMIT" : state == MEM_RESERVE ? "RESERVE" :
	       state == MEM_FREE ? "FREE" : "?";
}

static const char *type_name(DWORD type)
{
	return type == MEM_PRIVATE ? "PRIVATE" : type == MEM_IMAGE ? "IMAGE" :
	       type == MEM_MAPPED ? "MAPPED" : type == 0 ? "-" : "?";
}

/* What follows a MAPPED region of process h: "  file \\Device\\..." for a
 * view of a file (GetMappedFileNameA, as VMMap shows it), "  section NAME",
 * or "  (unnamed section)"; an IMAGE region: "  image FILE" (VMMap's details
 * column); "" for other regions. */
static const char *section_name(HANDLE h, const MEMORY_BASIC_INFORMATION *m, char *buf,
				size_t size)
{
	char name[MAX_PATH];
	struct vados_result r;

	if (m->Type != MEM_MAPPED && m->Type != MEM_IMAGE)
		return "";
	if (m->Type == MEM_MAPPED && GetMappedFileNameA(h, m->BaseAddress, name, sizeof(name))) {
		snprintf(buf, size, "  file %s", name);
		return buf;
	}
	r = vados_view_name(h, m->BaseAddress, name, sizeof(name));
	if (r.error)
		snprintf(buf, size, "  (section name: error %u)", r.error);
	else if (m->Type == MEM_IMAGE)
		snprintf(buf, size, "  image %s", name);
	else
		snprintf(buf, size, r.value ? "  section %s" : "  (unnamed section)", name);
	return buf;
}

/* Prints one region of process h and adds it to t. */
static void show(HANDLE h, const MEMORY_BASIC_INFORMATION *m, struct totals *t)
{
	char prot[40], alloc[12] = "-", section[MAX_PATH + 16];

	if (m->AllocationBase)
		snprintf(alloc, sizeof(alloc), "0x%08lx", (DWORD)m->AllocationBase);
	printf("0x%08lx  0x%08lx  %-7s  %-26s  %-7s  %s%s\n", (DWORD)m->BaseAddress,
	       m->RegionSize, state_name(m->State),
	       protect_name(m->Protect, prot, sizeof(prot)), type_name(m->Type), alloc,
	       section_name(h, m, section, sizeof(section)));
	t->regions++;
	if (m->State == MEM_FREE)
		t->free += m->RegionSize;
	else if (m->State == MEM_RESERVE)
		t->reserved += m->RegionSize;
	else
		t->committed += m->RegionSize;
	if (m->Type == MEM_IMAGE)
		t->image += m->RegionSize;
	else if (m->Type == MEM_PRIVATE)
		t->priv += m->RegionSize;
	else if (m->Type == MEM_MAPPED)
		t->mapped += m->RegionSize;
}

/* Walks process h region by region; returns 0, or 1 after an error line. */
static int walk(HANDLE h, DWORD pid)
{
	MEMORY_BASIC_INFORMATION m;
	struct totals t = { 0 };
	DWORD addr = 0;

	printf("walker: address space of pid %lu\n", pid);
	printf("BASE        SIZE        STATE    PROTECT                     TYPE     "
	       "ALLOCATION\n");
	while (addr < USER_END) {
		if (VirtualQueryEx(h, (LPCVOID)addr, &m, sizeof(m)) != sizeof(m)) {
			printf("walker: VirtualQueryEx(pid %lu, 0x%08lx) failed: error %lu\n", pid,
			       addr, GetLastError());
			return 1;
		}
		if (m.RegionSize == 0 || (DWORD)m.BaseAddress + m.RegionSize <= addr) {
			printf("walker: VirtualQueryEx(pid %lu, 0x%08lx) returned an empty region\n",
			       pid, addr);
			return 1;
		}
		show(h, &m, &t);
		addr = (DWORD)m.BaseAddress + m.RegionSize;
	}
	if (addr != USER_END) {
		printf("walker: pid %lu: the last region ends at 0x%08lx, not 0x%08x\n", pid, addr,
		       USER_END);
		return 1;
	}
	printf("walker: pid %lu: %lu regions; committed %lu KiB, reserved %lu KiB, free %lu KiB;"
	       " image %lu KiB, private %lu KiB, mapped %lu KiB\n", pid, t.regions,
	       t.committed / 1024, t.reserved / 1024, t.free / 1024, t.image / 1024,
	       t.priv / 1024, t.mapped / 1024);
	return 0;
}

int main(int argc, char **argv)
{
	char *end;
	DWORD pid;
	HANDLE h;
	int status;

	if (argc < 2)
		return walk(GetCurrentProcess(), GetCurrentProcessId());
	pid = strtoul(argv[1], &end, 10);
	if (argc > 2 || *end || end == argv[1]) {
		printf("walker: usage: walker [PID]\n");
		return 1;
	}
	if (!(h = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, pid))) {
		printf("walker: cannot open process %s: error %lu\n", argv[1], GetLastError());
		return 1;
	}
	status = walk(h, pid);
	CloseHandle(h);
	return status;
}
