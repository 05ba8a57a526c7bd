/* psapi's module calls as Microsoft documents them (vados lacked
 * GetModuleInformation, GetModuleBaseName and EnumProcessModulesEx):
 * MODULEINFO's base, image size and entry point for the program and for a
 * child (tests/user/virtual-child.c); a short cb ERROR_INSUFFICIENT_BUFFER,
 * another module ERROR_INVALID_HANDLE; the base name cut to nSize - 1
 * characters; the filter flags. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>

#define TEST_NAME "conform2-memory-module-info"
#include "check.h"
#include "virtual-child.h"

extern char _start[];

/* The bytes of the MEM_IMAGE allocation at base, as VirtualQuery walks it. */
static DWORD image_bytes(const char *base)
{
	MEMORY_BASIC_INFORMATION m;
	const char *at = base;

	while (VirtualQuery(at, &m, sizeof(m)) && m.AllocationBase == base && m.Type == MEM_IMAGE)
		at += m.RegionSize;
	return (DWORD)(at - base);
}

static void own_module(void)
{
	HMODULE self = GetModuleHandleA(NULL), got[4];
	MODULEINFO mi;
	DWORD need = 0;
	char path[MAX_PATH], name[MAX_PATH], cut[4];
	WCHAR wname[MAX_PATH];
	const char *tail;

	memset(&mi, 0, sizeof(mi));
	CHECK(GetModuleInformation(GetCurrentProcess(), self, &mi, sizeof(mi)) &&
	      mi.lpBaseOfDll == self && mi.EntryPoint == _start &&
	      mi.SizeOfImage == image_bytes((const char *)self) && mi.SizeOfImage >= 0x10000,
	      "base %p entry %p (want %p) size %lx: %lu", mi.lpBaseOfDll, mi.EntryPoint, _start,
	      mi.SizeOfImage, GetLastError());
	CHECK(GetModuleInformation(GetCurrentProcess(), NULL, &mi, sizeof(mi)) &&
	      mi.lpBaseOfDll == self, "NULL names the program");
	FAILS(GetModuleInformation(GetCurrentProcess(), self, &mi, sizeof(mi) - 1), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	FAILS(GetModuleInformation(GetCurrentProcess(), (HMODULE)((char *)self + 0x10000), &mi,
				   sizeof(mi)), FALSE, ERROR_INVALID_HANDLE);

	CHECK(GetModuleFileNameA(NULL, path, sizeof(path)), "%lu", GetLastError());
	tail = strrchr(path, '\\') ? strrchr(path, '\\') + 1 : path;
	CHECK(GetModuleBaseNameA(GetCurrentProcess(), NULL, name, sizeof(name)) == strlen(tail) &&
	      strcmp(name, tail) == 0, "base name %s of %s", name, path);
	CHECK(GetModuleBaseNameA(GetCurrentProcess(), self, cut, sizeof(cut)) == 3 &&
	      strncmp(cut, tail, 3) == 0 && cut[3] == 0, "cut: %s", cut);
	CHECK(GetModuleBaseNameW(GetCurrentProcess(), NULL, wname, MAX_PATH) == strlen(tail) &&
	      wname[0] == (WCHAR)tail[0], "wide");
	FAILS(GetModuleBaseNameA(GetCurrentProcess(), NULL, name, 0), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(GetModuleBaseNameA(GetCurrentProcess(), (HMODULE)0x12340000, name, sizeof(name)), 0,
	      ERROR_INVALID_HANDLE);

	CHECK(EnumProcessModulesEx(GetCurrentProcess(), got, sizeof(got), &need, LIST_MODULES_ALL) &&
	      need == sizeof(HMODULE) && got[0] == self, "need %lu", need);
	CHECK(EnumProcessModulesEx(GetCurrentProcess(), got, sizeof(got), &need, LIST_MODULES_32BIT),
	      "%lu", GetLastError());
	FAILS(EnumProcessModulesEx(GetCurrentProcess(), got, sizeof(got), &need, 4), FALSE,
	      ERROR_INVALID_PARAMETER);
}

static void child_module(void)
{
	HANDLE child = virtual_child_start();
	char name[MAX_PATH];
	HMODULE mod;
	DWORD need;
	MODULEINFO mi;

	CHECK(child != NULL, "CreateProcess: %lu", GetLastError());
	if (!child)
		return;
	CHECK(EnumProcessModules(child, &mod, sizeof(mod), &need), "%lu", GetLastError());
	CHECK(GetModuleInformation(child, mod, &mi, sizeof(mi)) && mi.lpBaseOfDll == mod &&
	      (char *)mi.EntryPoint > (char *)mod &&
	      (char *)mi.EntryPoint < (char *)mod + mi.SizeOfImage,
	      "child: base %p entry %p size %lx: %lu", mi.lpBaseOfDll, mi.EntryPoint, mi.SizeOfImage,
	      GetLastError());
	CHECK(GetModuleBaseNameA(child, mod, name, sizeof(name)) &&
	      _strnicmp(name, "virtual-child", 13) == 0, "child's name %s", name);
	virtual_child_end(child);
}

int main(void)
{
	own_module();
	child_module();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
