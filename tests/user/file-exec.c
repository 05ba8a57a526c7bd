/* Programs on disk: a program that is no boot module is read from its file
 * (kernel/ps/diskimage.c): by full path, by a bare name in the current
 * directory (".exe" added), from C:\BIN; a missing one gives
 * ERROR_FILE_NOT_FOUND and a file that is no program ERROR_BAD_EXE_FORMAT. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-exec"
#include "check.h"
#include "file-common.h"

int main(int argc, char **argv)
{
	HANDLE h;
	DWORD n, code;

	if (argc == 2)
		return strcmp(argv[1], "child") == 0 ? 42 : 1;
	CHECK(CreateDirectoryA("C:\\PROGS", NULL), "mkdir: %lu", GetLastError());
	CHECK(CopyFileA("C:\\BIN\\file-exec.exe", "C:\\PROGS\\ondisk.exe", FALSE), "copy: %lu",
	      GetLastError());
	code = file_run("C:\\PROGS\\ondisk.exe", "C:\\PROGS\\ondisk.exe child");
	CHECK(code == 42, "by full path: %lu", code);
	CHECK(SetCurrentDirectoryA("C:\\PROGS"), "cd");
	code = file_run(NULL, "ondisk child");
	CHECK(code == 42, "a bare name in the current directory: %lu", code);
	SetCurrentDirectoryA("C:\\");
	code = file_run(NULL, "ondisk child");
	CHECK(code == 1000 + ERROR_FILE_NOT_FOUND, "not found elsewhere: %lu", code);
	CHECK(MoveFileA("C:\\PROGS\\ondisk.exe", "C:\\BIN\\ondisk2.exe"), "move: %lu",
	      GetLastError());
	code = file_run(NULL, "ondisk2.exe child");
	CHECK(code == 42, "from C:\\BIN: %lu", code);
	h = CreateFileA("C:\\PROGS\\text.exe", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	WriteFile(h, "not a program", 13, &n, NULL);
	CloseHandle(h);
	code = file_run("C:\\PROGS\\text.exe", "C:\\PROGS\\text.exe");
	CHECK(code == 1000 + ERROR_BAD_EXE_FORMAT, "a text file: %lu", code);
	DeleteFileA("C:\\PROGS\\text.exe");
	DeleteFileA("C:\\BIN\\ondisk2.exe");
	RemoveDirectoryA("C:\\PROGS");
	printf("file-exec: %d failures\n", failures);
	return failures != 0;
}
