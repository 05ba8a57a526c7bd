/* The workload the power-cut scenario kills at random moments (run-tests'
 * kill = key): it writes, extends, truncates, renames and deletes files in
 * C:\PC without end, and after each FlushFileBuffers that returned prints
 * "power-cut: intact C:\PATH N bytes, crc32 X". A flushed file is never
 * touched again, so after the machine is killed the runner can demand each
 * such file whole (mtools reads it, size and CRC-32 must agree) and the
 * volume no worse than lost clusters for fsck.fat -n. Files that were not
 * flushed may be anything, but must not be cross-linked or torn.
 * Argument: how many rounds before it stops by itself (default 100000). */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#define TEST_NAME "power-cut"
#include "check.h"

#define MAX_SIZE 24000u

static unsigned char buf[MAX_SIZE];

/* The IEEE CRC-32 (zlib's crc32, Python's zlib.crc32) of p[0..n). */
static DWORD crc32(const unsigned char *p, DWORD n)
{
	DWORD c = 0xFFFFFFFFu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xEDB88320u & -(c & 1));
	}
	return ~c;
}

static void fill(unsigned round, DWORD size)
{
	unsigned x = round * 2654435761u + 7;

	for (DWORD i = 0; i < size; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
}

static void name_of(char *out, const char *kind, unsigned round)
{
	snprintf(out, MAX_PATH, "C:\\PC\\%s %u with a long name.bin", kind, round);
}

/* Writes size bytes of round's pattern to a new file at path in uneven
 * pieces; the open handle, or INVALID_HANDLE_VALUE. */
static HANDLE write_file(const char *path, unsigned round, DWORD size)
{
	HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD put = 0, n, piece = 700 + round % 5 * 900;

	CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	fill(round, size);
	while (h != INVALID_HANDLE_VALUE && put < size) {
		if (!WriteFile(h, buf + put, size - put < piece ? size - put : piece, &n, NULL)) {
			CHECK(0, "write %s: %lu", path, GetLastError());
			break;
		}
		put += n;
	}
	return h;
}

/* One round: a file kept and flushed (every third round), or churn on files
 * that are not: extend, truncate, rename, replace, delete. */
static void round_of(unsigned round)
{
	char path[MAX_PATH], other[MAX_PATH];
	DWORD size = 500 + round * 7919u % (MAX_SIZE - 500);
	HANDLE h;

	if (round % 3 == 0) {
		name_of(path, "kept", round);
		if ((h = write_file(path, round, size)) == INVALID_HANDLE_VALUE)
			return;
		if (FlushFileBuffers(h)) {
			printf("power-cut: intact %s %lu bytes, crc32 %08lx\n", path, size,
			       crc32(buf, size));
			fflush(stdout);
		} else {
			CHECK(0, "flush %s: %lu", path, GetLastError());
		}
		CloseHandle(h);
		return;
	}
	name_of(path, "churn", round);
	if ((h = write_file(path, round, size)) == INVALID_HANDLE_VALUE)
		return;
	SetFilePointer(h, size / 2, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h), "truncate: %lu", GetLastError());
	SetFilePointer(h, size + 3000, NULL, FILE_BEGIN);
	CHECK(SetEndOfFile(h), "extend: %lu", GetLastError());
	CloseHandle(h);
	name_of(other, "moved", round);
	CHECK(MoveFileExA(path, other, MOVEFILE_REPLACE_EXISTING), "move: %lu", GetLastError());
	if (round % 3 == 2) {
		name_of(path, "moved", round - 1);
		CHECK(MoveFileExA(other, path, MOVEFILE_REPLACE_EXISTING), "replace: %lu",
		      GetLastError());
		CHECK(DeleteFileA(path), "delete: %lu", GetLastError());
	}
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 100000;

	CHECK(CreateDirectoryA("C:\\PC", NULL), "mkdir: %lu", GetLastError());
	printf("power-cut: ready\n");
	fflush(stdout);
	for (unsigned round = 0; round < rounds && failures < 5; round++)
		round_of(round);
	printf("power-cut: %d failures\n", failures);
	return failures != 0;
}
