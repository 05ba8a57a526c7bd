/* Directories and names: CreateDirectoryA/RemoveDirectoryA (ERROR_ALREADY_
 * EXISTS, ERROR_DIR_NOT_EMPTY, ERROR_DIRECTORY), FindFirstFileA/FindNextFileA
 * with '*' and '?' ("." and ".." included, ERROR_NO_MORE_FILES, ERROR_FILE_
 * NOT_FOUND), the current directory (relative paths, inherited by a child),
 * GetFullPathNameA ('/', ".", "..", drive-relative, the size-needed answer),
 * MoveFileExA (MOVEFILE_REPLACE_EXISTING, directories), CopyFileA,
 * GetDiskFreeSpace(Ex)A, invalid names and MAX_PATH. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-dirs"
#include "check.h"
#include "ob-common.h"

static void touch(const char *name, const char *data)
{
	HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;

	CHECK(h != INVALID_HANDLE_VALUE, "create %s: %lu", name, GetLastError());
	WriteFile(h, data, (DWORD)strlen(data), &n, NULL);
	CloseHandle(h);
}

static void directories(void)
{
	CHECK(CreateDirectoryA("C:\\work", NULL), "CreateDirectory: %lu", GetLastError());
	CHECK(!CreateDirectoryA("C:\\work", NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
	      "twice: %lu", GetLastError());
	CHECK(!CreateDirectoryA("C:\\no\\such", NULL) && GetLastError() == ERROR_PATH_NOT_FOUND,
	      "under a missing directory: %lu", GetLastError());
	CHECK(CreateDirectoryA("C:\\work\\sub", NULL), "nested: %lu", GetLastError());
	touch("C:\\work\\a1.txt", "one");
	touch("C:\\work\\a2.txt", "two");
	touch("C:\\work\\b.dat", "three");
	CHECK(GetFileAttributesA("C:\\work\\sub") == FILE_ATTRIBUTE_DIRECTORY, "attributes 0x%lx",
	      GetFileAttributesA("C:\\work\\sub"));
	CHECK(!RemoveDirectoryA("C:\\work") && GetLastError() == ERROR_DIR_NOT_EMPTY,
	      "RemoveDirectory of a full one: %lu", GetLastError());
	CHECK(!RemoveDirectoryA("C:\\work\\b.dat") && GetLastError() == ERROR_DIRECTORY,
	      "RemoveDirectory of a file: %lu", GetLastError());
	CHECK(!DeleteFileA("C:\\work\\sub") && GetLastError() == ERROR_ACCESS_DENIED,
	      "DeleteFile of a directory: %lu", GetLastError());
	CHECK(CreateFileA("C:\\work\\sub", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) ==
	      INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "CreateFile of a directory without backup semantics: %lu", GetLastError());
	HANDLE d = CreateFileA("C:\\work\\sub", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
			       NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	FILETIME t;
	CHECK(d != INVALID_HANDLE_VALUE && GetFileTime(d, &t, NULL, NULL),
	      "a directory handle with backup semantics: %lu", GetLastError());
	CloseHandle(d);
}

/* The names FindFirstFileA(pattern) lists, in order, joined by spaces. */
static const char *find_all(const char *pattern)
{
	static char out[512];
	WIN32_FIND_DATAA fd;
	HANDLE h = FindFirstFileA(pattern, &fd);

	out[0] = '\0';
	if (h == INVALID_HANDLE_VALUE)
		return GetLastError() == ERROR_FILE_NOT_FOUND ? "(none)" : "(error)";
	do {
		strcat(out, out[0] ? " " : "");
		strcat(out, fd.cFileName);
	} while (FindNextFileA(h, &fd));
	CHECK(GetLastError() == ERROR_NO_MORE_FILES, "the end: %lu", GetLastError());
	CHECK(!FindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "past the end");
	CHECK(FindClose(h), "FindClose: %lu", GetLastError());
	return out;
}

static void finding(void)
{
	const char *s;

	s = find_all("C:\\work\\*");
	CHECK(strcmp(s, ". .. sub a1.txt a2.txt b.dat") == 0, "*: %s", s);
	s = find_all("C:\\work\\a?.txt");
	CHECK(strcmp(s, "a1.txt a2.txt") == 0, "a?.txt: %s", s);
	s = find_all("C:\\work\\*.dat");
	CHECK(strcmp(s, "b.dat") == 0, "*.dat: %s", s);
	s = find_all("C:\\work\\zz*");
	CHECK(strcmp(s, "(none)") == 0, "no match: %s", s);
	WIN32_FIND_DATAA fd;
	CHECK(FindFirstFileA("C:\\nowhere\\*", &fd) == INVALID_HANDLE_VALUE &&
	      GetLastError() == ERROR_PATH_NOT_FOUND, "a missing directory: %lu", GetLastError());
	CHECK(!FindClose(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE,
	      "FindClose(INVALID_HANDLE_VALUE)");
	HANDLE h = FindFirstFileA("C:\\work\\b.dat", &fd);
	CHECK(h != INVALID_HANDLE_VALUE && fd.nFileSizeLow == 5 &&
	      fd.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "one file: size %lu attributes 0x%lx",
	      fd.nFileSizeLow, fd.dwFileAttributes);
	FindClose(h);
	h = FindFirstFileA("C:\\work\\*", &fd);
	CHECK(!RemoveDirectoryA("C:\\work") && GetLastError() == ERROR_DIR_NOT_EMPTY,
	      "still not empty while enumerated: %lu", GetLastError());
	FindClose(h);
	CreateDirectoryA("C:\\work\\empty", NULL);
	h = FindFirstFileA("C:\\work\\empty\\*", &fd);
	CHECK(RemoveDirectoryA("C:\\work\\empty"), "an empty one while enumerated: %lu",
	      GetLastError());
	CHECK(GetFileAttributesA("C:\\work\\empty") == FILE_ATTRIBUTE_DIRECTORY,
	      "delete pending: still there");
	FindClose(h);
	CHECK(GetFileAttributesA("C:\\work\\empty") == INVALID_FILE_ATTRIBUTES,
	      "gone with the enumeration");
}

static void current_directory(const char *self)
{
	char buf[MAX_PATH], small[3];
	PROCESS_INFORMATION pi;
	DWORD code = 99;

	CHECK(GetCurrentDirectoryA(sizeof(buf), buf) == 3 && strcmp(buf, "C:\\") == 0,
	      "the first process starts at C:\\: %s", buf);
	CHECK(GetCurrentDirectoryA(sizeof(small), small) == 4, "too small: the size needed");
	CHECK(SetCurrentDirectoryA("C:\\work\\sub\\"), "SetCurrentDirectory: %lu", GetLastError());
	CHECK(GetCurrentDirectoryA(sizeof(buf), buf) == 11 && strcmp(buf, "C:\\work\\sub") == 0,
	      "no trailing backslash: %s", buf);
	CHECK(SetCurrentDirectoryA(".."), "relative: %lu", GetLastError());
	CHECK(GetCurrentDirectoryA(sizeof(buf), buf) && strcmp(buf, "C:\\work") == 0, "..: %s",
	      buf);
	CHECK(!SetCurrentDirectoryA("b.dat") && GetLastError() == ERROR_DIRECTORY,
	      "a file: %lu", GetLastError());
	CHECK(!SetCurrentDirectoryA("nothing") && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "nothing: %lu", GetLastError());
	CHECK(GetFileAttributesA("a1.txt") == FILE_ATTRIBUTE_ARCHIVE, "a relative name");
	CHECK(GetFileAttributesA("\\work\\a2.txt") == FILE_ATTRIBUTE_ARCHIVE, "a rooted name");
	CHECK(GetFileAttributesA("sub\\..\\b.dat") == FILE_ATTRIBUTE_ARCHIVE, "with ..");
	CHECK(GetFileAttributesA("C:a1.txt") == FILE_ATTRIBUTE_ARCHIVE, "drive-relative");
	CHECK(GetFileAttributesA("/work/a1.txt") == FILE_ATTRIBUTE_ARCHIVE, "slashes");
	if (ob_start(self, "cwd C:\\work", FALSE, &pi)) {
		WaitForSingleObject(pi.hProcess, INFINITE);
		GetExitCodeProcess(pi.hProcess, &code);
		CloseHandle(pi.hProcess);
	}
	CHECK(code == 0, "the child inherits the current directory: its exit code %lu", code);
	SetCurrentDirectoryA("C:\\");
}

static void full_paths(void)
{
	char buf[MAX_PATH], *part = NULL;
	DWORD n;

	SetCurrentDirectoryA("C:\\work");
	n = GetFullPathNameA("x\\..\\y/z.txt", sizeof(buf), buf, &part);
	CHECK(n == 15 && strcmp(buf, "C:\\work\\y\\z.txt") == 0 && part && strcmp(part, "z.txt") == 0,
	      "resolved: %lu %s", n, buf);
	n = GetFullPathNameA("..\\..\\..", sizeof(buf), buf, &part);
	CHECK(n == 3 && strcmp(buf, "C:\\") == 0, "above the root stays there: %s", buf);
	n = GetFullPathNameA("D:file", sizeof(buf), buf, NULL);
	CHECK(n == 7 && strcmp(buf, "D:\\file") == 0, "another drive's relative path: %s", buf);
	n = GetFullPathNameA("long-name.txt", 5, buf, NULL);
	CHECK(n == 22, "too small: the size needed with the NUL: %lu", n);
	CHECK(GetFullPathNameA("", sizeof(buf), buf, NULL) == 0, "an empty name fails");
	SetCurrentDirectoryA("C:\\");
}

static void moves_and_copies(void)
{
	char buf[16] = { 0 };
	HANDLE h;
	DWORD n;

	CHECK(MoveFileA("C:\\work\\a1.txt", "C:\\work\\sub\\moved.txt"), "move into sub: %lu",
	      GetLastError());
	CHECK(!MoveFileA("C:\\work\\a2.txt", "C:\\work\\b.dat") &&
	      GetLastError() == ERROR_ALREADY_EXISTS, "onto a file: %lu", GetLastError());
	CHECK(MoveFileExA("C:\\work\\a2.txt", "C:\\work\\b.dat", MOVEFILE_REPLACE_EXISTING),
	      "MOVEFILE_REPLACE_EXISTING: %lu", GetLastError());
	h = CreateFileA("C:\\work\\b.dat", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
	ReadFile(h, buf, sizeof(buf) - 1, &n, NULL);
	CloseHandle(h);
	CHECK(strcmp(buf, "two") == 0, "replaced: %s", buf);
	CHECK(!MoveFileA("C:\\work\\none", "C:\\work\\x") && GetLastError() == ERROR_FILE_NOT_FOUND,
	      "moving nothing: %lu", GetLastError());
	CHECK(MoveFileA("C:\\work\\sub", "C:\\work\\renamed"), "renaming a directory: %lu",
	      GetLastError());
	CHECK(GetFileAttributesA("C:\\work\\renamed\\moved.txt") == FILE_ATTRIBUTE_ARCHIVE,
	      "its file went along");
	CHECK(CopyFileA("C:\\work\\b.dat", "C:\\work\\c.dat", FALSE), "CopyFile: %lu",
	      GetLastError());
	CHECK(CopyFileA("C:\\work\\b.dat", "C:\\work\\c.dat", FALSE), "CopyFile over a file");
	CHECK(!CopyFileA("C:\\work\\none", "C:\\work\\d.dat", FALSE) &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "copying nothing: %lu", GetLastError());
	CHECK(strcmp(find_all("C:\\work\\*.dat"), "b.dat c.dat") == 0 ||
	      strcmp(find_all("C:\\work\\*.dat"), "c.dat b.dat") == 0, "%s",
	      find_all("C:\\work\\*.dat"));
	DeleteFileA("C:\\work\\renamed\\moved.txt");
	CHECK(RemoveDirectoryA("C:\\work\\renamed"), "RemoveDirectory: %lu", GetLastError());
	DeleteFileA("C:\\work\\b.dat");
	DeleteFileA("C:\\work\\c.dat");
	CHECK(RemoveDirectoryA("C:\\work"), "the last one: %lu", GetLastError());
	CHECK(GetFileAttributesA("C:\\work") == INVALID_FILE_ATTRIBUTES, "gone");
}

static void names_and_space(void)
{
	static const char *bad[] = { "C:\\a<b", "C:\\a>b", "C:\\a|b", "C:\\a\"b", "C:\\a*b",
				     "C:\\a?b", "C:\\a:b", "C:\\a\x01" "b" };
	char path[400];
	DWORD spc, bps, freec, total;
	ULARGE_INTEGER avail, bytes, freeb;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(CreateFileA(bad[i], GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL) ==
		      INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_NAME,
		      "name %u: %lu", i, GetLastError());
	memset(path, 'n', sizeof(path));
	memcpy(path, "C:\\", 3);
	path[300] = '\0';
	CHECK(CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL) ==
	      INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILENAME_EXCED_RANGE,
	      "past MAX_PATH: %lu", GetLastError());
	CHECK(GetDiskFreeSpaceA("C:\\", &spc, &bps, &freec, &total) && bps == 512 && spc >= 1 &&
	      freec > 0 && freec < total, "GetDiskFreeSpace: %lu %lu %lu %lu", spc, bps, freec,
	      total);
	CHECK(GetDiskFreeSpaceExA("C:\\", &avail, &bytes, &freeb) &&
	      freeb.QuadPart == (ULONGLONG)freec * spc * bps &&
	      bytes.QuadPart == (ULONGLONG)total * spc * bps, "GetDiskFreeSpaceEx");
	CHECK(GetDiskFreeSpaceA(NULL, &spc, &bps, &freec, &total), "NULL: the current drive");
	CHECK(!GetDiskFreeSpaceA("Q:\\", &spc, &bps, &freec, &total) &&
	      GetLastError() == ERROR_PATH_NOT_FOUND, "a missing drive: %lu", GetLastError());
}

int main(int argc, char **argv)
{
	char buf[MAX_PATH];

	if (argc == 3 && strcmp(argv[1], "cwd") == 0)
		return !(GetCurrentDirectoryA(sizeof(buf), buf) && strcmp(buf, argv[2]) == 0);
	directories();
	finding();
	current_directory(argv[0]);
	full_paths();
	moves_and_copies();
	names_and_space();
	printf("file-dirs: %d failures\n", failures);
	return failures != 0;
}
