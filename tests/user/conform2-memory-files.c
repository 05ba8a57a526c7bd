/* File-backed sections as Microsoft's CreateFileMapping and MapViewOfFile
 * pages give them, where no other test looked: a read-only handle refuses
 * PAGE_READWRITE and growing the file, a handle without execute access
 * PAGE_EXECUTE_READ, SEC_IMAGE on a data file ERROR_BAD_EXE_FORMAT; a
 * PAGE_WRITECOPY section of a read-only handle maps copy-on-write views
 * whose writes never reach the file; SEC_RESERVE has no effect on a file
 * (its view is committed) and the file grows to the section; a view and
 * ReadFile agree after FlushViewOfFile; a mapped file cannot be truncated
 * (ERROR_USER_MAPPED_FILE) but can grow; committing in a file view is
 * refused (STATUS_ALREADY_COMMITTED's ERROR_ACCESS_DENIED). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "conform2-memory-files"
#include "check.h"

#define PAGE 4096u
#define NAME "C:\\CONF2MEM.BIN"

static HANDLE open_file(DWORD access, DWORD disposition)
{
	return CreateFileA(NAME, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, disposition,
			   FILE_ATTRIBUTE_NORMAL, NULL);
}

int main(void)
{
	HANDLE f = open_file(GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS), r, s;
	DWORD n, hi = 5;
	char buf[PAGE], *v;
	MEMORY_BASIC_INFORMATION m;

	memset(buf, 'q', sizeof(buf));
	CHECK(WriteFile(f, buf, 100, &n, NULL) && n == 100, "%lu", GetLastError());
	r = open_file(GENERIC_READ, OPEN_EXISTING);
	FAILS(CreateFileMappingA(r, NULL, PAGE_READWRITE, 0, 0, NULL), NULL, ERROR_ACCESS_DENIED);
	FAILS(CreateFileMappingA(f, NULL, PAGE_EXECUTE_READ, 0, 0, NULL), NULL,
	      ERROR_ACCESS_DENIED);
	FAILS(CreateFileMappingA(r, NULL, PAGE_READONLY, 0, 200, NULL), NULL,
	      ERROR_NOT_ENOUGH_MEMORY);
	FAILS(CreateFileMappingA(f, NULL, PAGE_READWRITE | SEC_IMAGE, 0, 0, NULL), NULL,
	      ERROR_BAD_EXE_FORMAT);
	s = CreateFileMappingA(r, NULL, PAGE_WRITECOPY, 0, 0, NULL);
	CHECK(s != NULL, "writecopy of a read-only handle: %lu", GetLastError());
	FAILS(MapViewOfFile(s, FILE_MAP_WRITE, 0, 0, 0), NULL, ERROR_ACCESS_DENIED);
	FAILS(MapViewOfFile(s, FILE_MAP_READ, 0, 0, PAGE + 1), NULL, ERROR_ACCESS_DENIED);
	v = MapViewOfFile(s, FILE_MAP_COPY, 0, 0, 0);
	CHECK(v && v[0] == 'q' && v[100] == 0 && v[PAGE - 1] == 0,
	      "copy view reads the file, zero after");
	if (v) {
		v[0] = 'w';
		CHECK(FlushViewOfFile(v, 10), "flush a copy view: %lu", GetLastError());
		CHECK(UnmapViewOfFile(v), "%lu", GetLastError());
	}
	CloseHandle(s);
	CHECK(SetFilePointer(r, 0, NULL, FILE_BEGIN) == 0 && ReadFile(r, buf, 1, &n, NULL) &&
		  buf[0] == 'q',
	      "the copy never reaches the file: %c", buf[0]);
	s = CreateFileMappingA(f, NULL, PAGE_READWRITE | SEC_RESERVE, 0, 3 * PAGE, NULL);
	CHECK(s != NULL, "SEC_RESERVE has no effect on a file: %lu", GetLastError());
	CHECK(GetFileSize(f, &hi) == 3 * PAGE && hi == 0, "the file grew to the section: %lu",
	      GetFileSize(f, NULL));
	v = MapViewOfFile(s, FILE_MAP_ALL_ACCESS, 0, 0, 0);
	CHECK(v && VirtualQuery(v, &m, sizeof(m)) && m.State == MEM_COMMIT &&
		  m.RegionSize == 3 * PAGE && m.Type == MEM_MAPPED && m.Protect == PAGE_READWRITE,
	      "state %lx size %lx", m.State, (unsigned long)m.RegionSize);
	if (v) {
		v[PAGE + 1] = 'z';
		CHECK(FlushViewOfFile(v + PAGE, 1), "%lu", GetLastError());
		CHECK(SetFilePointer(r, PAGE + 1, NULL, FILE_BEGIN) == PAGE + 1 &&
			  ReadFile(r, buf, 1, &n, NULL) && buf[0] == 'z',
		      "ReadFile sees the view");
		SetFilePointer(f, 10, NULL, FILE_BEGIN);
		FAILS(SetEndOfFile(f), FALSE, ERROR_USER_MAPPED_FILE);
		SetFilePointer(f, 5 * PAGE, NULL, FILE_BEGIN);
		CHECK(SetEndOfFile(f), "growing a mapped file: %lu", GetLastError());
		FAILS(VirtualAlloc(v, PAGE, MEM_COMMIT, PAGE_READONLY), NULL, ERROR_ACCESS_DENIED);
		UnmapViewOfFile(v);
	}
	CloseHandle(s);
	CloseHandle(r);
	CloseHandle(f);
	CHECK(DeleteFileA(NAME), "%lu", GetLastError());
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
