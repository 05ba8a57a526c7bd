/* Interoperability with the host's FAT tools, both ways: C:\DATA\Host
 * Written File.bin was put there by mtools (tests/data/interop.bin, a known
 * pattern) and must read back identically here, by its long name, its short
 * name and in pieces; then this program writes the same pattern to
 * C:\FROM VADOS\Written By Vados.bin and copies the host's file with
 * CopyFileA, and the runner reads both back with mtools (hostfile =). */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-interop"
#include "check.h"

#define SIZE 40123u
#define HOST_FILE "C:\\DATA\\Host Written File.bin"

static unsigned char pattern(unsigned i)
{
	return (unsigned char)(i * 131 + (i >> 9));
}

static unsigned char buf[SIZE + 100];

static void read_host_file(void)
{
	HANDLE h = CreateFileA(HOST_FILE, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0,
			       NULL);
	WIN32_FIND_DATAA fd;
	DWORD n, bad = 0, got = 0;

	CHECK(h != INVALID_HANDLE_VALUE, "open %s: %lu", HOST_FILE, GetLastError());
	CHECK(GetFileSize(h, NULL) == SIZE, "size %lu", GetFileSize(h, NULL));
	/* In odd pieces, across sector and cluster boundaries. */
	while (ReadFile(h, buf + got, 777, &n, NULL) && n)
		got += n;
	CHECK(got == SIZE, "read %lu bytes", got);
	for (unsigned i = 0; i < SIZE; i++)
		bad += buf[i] != pattern(i);
	CHECK(bad == 0, "%lu bytes differ from what the host wrote", bad);
	CloseHandle(h);
	HANDLE f = FindFirstFileA("C:\\DATA\\host*", &fd);
	CHECK(f != INVALID_HANDLE_VALUE && strcmp(fd.cFileName, "Host Written File.bin") == 0,
	      "found as %s", f != INVALID_HANDLE_VALUE ? fd.cFileName : "-");
	CHECK(fd.nFileSizeLow == SIZE, "find's size %lu", fd.nFileSizeLow);
	FindClose(f);
	h = CreateFileA("C:\\DATA\\HOSTWR~1.BIN", GENERIC_READ, FILE_SHARE_READ, NULL,
			OPEN_EXISTING, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "by its short name (%s): %lu", fd.cAlternateFileName,
	      GetLastError());
	CloseHandle(h);
}

static void write_for_host(void)
{
	HANDLE h;
	DWORD n;

	for (unsigned i = 0; i < SIZE; i++)
		buf[i] = pattern(i);
	CHECK(CreateDirectoryA("C:\\FROM VADOS", NULL), "CreateDirectory: %lu", GetLastError());
	h = CreateFileA("C:\\FROM VADOS\\Written By Vados.bin", GENERIC_WRITE, 0, NULL,
			CREATE_NEW, 0, NULL);
	CHECK(h != INVALID_HANDLE_VALUE, "create: %lu", GetLastError());
	for (DWORD put = 0; put < SIZE; put += n)
		if (!WriteFile(h, buf + put, SIZE - put < 1000 ? SIZE - put : 1000, &n, NULL))
			break;
	CHECK(GetFileSize(h, NULL) == SIZE, "written %lu", GetFileSize(h, NULL));
	CHECK(FlushFileBuffers(h), "flush: %lu", GetLastError());
	CloseHandle(h);
	CHECK(CopyFileA(HOST_FILE, "C:\\FROM VADOS\\copy.bin", TRUE), "CopyFile: %lu",
	      GetLastError());
	CHECK(!CopyFileA(HOST_FILE, "C:\\FROM VADOS\\copy.bin", TRUE) &&
	      GetLastError() == ERROR_FILE_EXISTS, "CopyFile onto a file with bFailIfExists: %lu",
	      GetLastError());
}

int main(void)
{
	read_host_file();
	write_for_host();
	printf("file-interop: %d failures\n", failures);
	return failures != 0;
}
