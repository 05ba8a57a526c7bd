/* Bad volumes and bad disks, through the Win32 file API. Every file here
 * was put on C: by the runner (file =) holding tests/data/interop.bin.
 *
 * file-corrupt damaged: the runner damaged C:\BAD (damage =, tools/
 * fatdamage.py): LOOP.BIN's chain loops, PASTEND.BIN's entry points past the
 * volume, FREE.BIN's chain reaches a free cluster: each gives
 * ERROR_FILE_CORRUPT, and the rest of the volume works; "Bad Lfn Name.bin"'s
 * long name has a wrong checksum, so it is seen by its short name alone. The
 * disks at IDE positions 1 and 3 had their boot sectors broken and were not
 * mounted (the scenario checks the log's reasons): no D:.
 *
 * file-corrupt errors: QEMU's blkdebug fails every read of C:\IO\READERR.BIN's
 * first sector and every write of C:\IO\WRITEERR.BIN's: the caller gets
 * ERROR_IO_DEVICE (from WriteFile, or, when a cache writes behind, from
 * FlushFileBuffers), the rest of those files and every other file read right,
 * and C:\IO\AFTER.BIN, written after the errors, is checked by the host. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-corrupt"
#include "check.h"

#define SIZE 40123u             /* tests/data/interop.bin */

static unsigned char buf[SIZE + 100];

static unsigned char pattern(unsigned i)
{
	return (unsigned char)(i * 131 + (i >> 9));
}

static HANDLE open_file(const char *path, DWORD access)
{
	return CreateFileA(path, access, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
}

/* Whether path reads back as interop.bin's bytes [from, SIZE). */
static void expect_pattern(const char *path, DWORD from)
{
	HANDLE h = open_file(path, GENERIC_READ);
	DWORD n = 0, bad = 0;

	CHECK(h != INVALID_HANDLE_VALUE, "open %s: %lu", path, GetLastError());
	if (h == INVALID_HANDLE_VALUE)
		return;
	SetFilePointer(h, from, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, buf, SIZE, &n, NULL) && n == SIZE - from, "read %s: %lu bytes, error %lu",
	      path, n, GetLastError());
	for (DWORD i = 0; i < n; i++)
		bad += buf[i] != pattern(from + i);
	CHECK(bad == 0, "%s: %lu bytes differ", path, bad);
	CloseHandle(h);
}

static void expect_corrupt(const char *path)
{
	HANDLE h = open_file(path, GENERIC_READ);

	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_CORRUPT,
	      "open %s: error %lu", path, GetLastError());
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	CHECK(!DeleteFileA(path) && GetLastError() == ERROR_FILE_CORRUPT, "delete %s: error %lu",
	      path, GetLastError());
}

/* Writes SIZE bytes of the pattern to a new file at path. */
static void write_pattern(const char *path)
{
	HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	DWORD n = 0;

	for (unsigned i = 0; i < SIZE; i++)
		buf[i] = pattern(i);
	CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", path, GetLastError());
	CHECK(WriteFile(h, buf, SIZE, &n, NULL) && n == SIZE, "write %s: %lu", path,
	      GetLastError());
	CHECK(FlushFileBuffers(h), "flush %s: %lu", path, GetLastError());
	CloseHandle(h);
}

static void damaged(void)
{
	WIN32_FIND_DATAA fd;
	HANDLE h;
	int names = 0, short_seen = 0;

	expect_corrupt("C:\\BAD\\LOOP.BIN");
	expect_corrupt("C:\\BAD\\PASTEND.BIN");
	expect_corrupt("C:\\BAD\\FREE.BIN");
	h = open_file("C:\\BAD\\Bad Lfn Name.bin", GENERIC_READ);
	CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "the long name with a bad checksum: error %lu", GetLastError());
	expect_pattern("C:\\BAD\\BADLFN~1.BIN", 0);
	expect_pattern("C:\\BAD\\GOOD.BIN", 0);
	h = FindFirstFileA("C:\\BAD\\*", &fd);
	CHECK(h != INVALID_HANDLE_VALUE, "find: %lu", GetLastError());
	while (h != INVALID_HANDLE_VALUE) {
		names++;
		short_seen += strcmp(fd.cFileName, "BADLFN~1.BIN") == 0;
		if (!FindNextFileA(h, &fd))
			break;
	}
	CHECK(GetLastError() == ERROR_NO_MORE_FILES, "find ended with %lu", GetLastError());
	FindClose(h);
	CHECK(names == 7 && short_seen == 1, "%d names listed, the short one %d times", names,
	      short_seen);
	write_pattern("C:\\BAD\\NEW.BIN");      /* the directory still takes files */
	expect_pattern("C:\\BAD\\NEW.BIN", 0);
	CHECK(GetFileAttributesA("D:\\") == INVALID_FILE_ATTRIBUTES &&
	      GetLastError() == ERROR_PATH_NOT_FOUND, "D: (not mounted): error %lu",
	      GetLastError());
}

/* Fills C: with one file until ERROR_DISK_FULL (its size must say what was
 * written, and it must read back whole), then deletes it: the free space
 * comes back. Also a name of 255 characters, which the host reads. */
static void fill_and_empty(void)
{
	static unsigned char chunk[65536];
	char name[300] = "C:\\";
	ULARGE_INTEGER before, after, total, ignored;
	DWORD n = 0, written = 0, ms, err, bad = 0;
	HANDLE h = CreateFileA("C:\\FULL.BIN", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, 0,
			       NULL);

	CHECK(GetDiskFreeSpaceExA("C:\\", &before, &total, &ignored), "free: %lu", GetLastError());
	ms = GetTickCount();
	for (unsigned i = 0; i < sizeof(chunk); i++)
		chunk[i] = (unsigned char)(i * 7 + i / 4099);
	while (WriteFile(h, chunk, sizeof(chunk), &n, NULL) && n == sizeof(chunk))
		written += n;
	err = GetLastError();
	written += n;
	CHECK(err == ERROR_DISK_FULL, "the last write: error %lu", err);
	CHECK(GetFileSize(h, NULL) == written, "size %lu, written %lu", GetFileSize(h, NULL),
	      written);
	CHECK(written + 512 > before.QuadPart - 4096 && written <= before.QuadPart,
	      "%lu written of %llu free", written, before.QuadPart);
	CHECK(!CreateDirectoryA("C:\\NO ROOM", NULL) && GetLastError() == ERROR_DISK_FULL,
	      "mkdir on a full volume: error %lu", GetLastError());
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	for (DWORD at = 0; at < written; at += n) {
		if (!ReadFile(h, buf, SIZE, &n, NULL) || n == 0) {
			CHECK(0, "read back at %lu: %lu", at, GetLastError());
			break;
		}
		for (DWORD i = 0; i < n; i++)
			bad += buf[i] != chunk[(at + i) % sizeof(chunk)];
	}
	CHECK(bad == 0, "%lu bytes read back differ", bad);
	printf("file-corrupt: filled C: with %lu bytes and read them back in %lu ms\n", written,
	       GetTickCount() - ms);
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\FULL.BIN"), "delete: %lu", GetLastError());
	CHECK(GetDiskFreeSpaceExA("C:\\", &after, &total, &ignored) &&
	      after.QuadPart == before.QuadPart, "free %llu after, %llu before", after.QuadPart,
	      before.QuadPart);
	memset(name + 3, 'L', 251);
	strcpy(name + 254, ".txt");             /* a component of 255 characters */
	write_pattern(name);
	expect_pattern(name, 0);
}

static void disk_errors(void)
{
	HANDLE h = open_file("C:\\IO\\READERR.BIN", GENERIC_READ);
	DWORD n = 0;
	BOOL wrote;

	CHECK(h != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	CHECK(!ReadFile(h, buf, 1000, &n, NULL) && GetLastError() == ERROR_IO_DEVICE,
	      "read over the bad sector: error %lu", GetLastError());
	CloseHandle(h);
	expect_pattern("C:\\IO\\READERR.BIN", 8192);   /* the rest of it reads */
	h = open_file("C:\\IO\\WRITEERR.BIN", GENERIC_READ | GENERIC_WRITE);
	CHECK(h != INVALID_HANDLE_VALUE, "open: %lu", GetLastError());
	memset(buf, 0x5A, 1000);
	wrote = WriteFile(h, buf, 1000, &n, NULL);
	CHECK(wrote ? !FlushFileBuffers(h) && GetLastError() == ERROR_IO_DEVICE
		    : GetLastError() == ERROR_IO_DEVICE,
	      "write over the bad sector: %s, error %lu", wrote ? "written" : "failed",
	      GetLastError());
	CHECK(GetFileSize(h, NULL) == SIZE, "its size became %lu", GetFileSize(h, NULL));
	CloseHandle(h);
	expect_pattern("C:\\IO\\WRITEERR.BIN", 8192);
	expect_pattern("C:\\IO\\GOOD.BIN", 0);
	write_pattern("C:\\IO\\AFTER.BIN");
	expect_pattern("C:\\IO\\AFTER.BIN", 0);
	fill_and_empty();
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "damaged") == 0)
		damaged();
	else if (argc > 1 && strcmp(argv[1], "errors") == 0)
		disk_errors();
	else
		CHECK(0, "usage: file-corrupt damaged|errors");
	printf("file-corrupt: %d failures\n", failures);
	return failures != 0;
}
