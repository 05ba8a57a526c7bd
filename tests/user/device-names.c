/* CreateFile's device names as Windows opens them (kernel/rtl/devname.h,
 * kernel/io/device.h): "NUL" in every spelling and directory (reads give 0
 * bytes, writes take everything, FILE_TYPE_CHAR, the C runtime's fopen),
 * "NUL.txt" a file; "CONIN$", "CONOUT$" and "CON" real console handles
 * that the console calls, ReadFile/WriteFile, DuplicateHandle and
 * CloseHandle take; GetFullPathName, GetFileAttributes and FindFirstFile of
 * those names; a child whose standard handles are CONOUT$ and NUL
 * (STARTF_USESTDHANDLES). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#define TEST_NAME "device-names"
#include "check.h"

#define RW (GENERIC_READ | GENERIC_WRITE)
#define SHARE (FILE_SHARE_READ | FILE_SHARE_WRITE)

static HANDLE open_as(const char *name, DWORD access, BOOL inherit)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, inherit };

	return CreateFileA(name, access, SHARE, &sa, OPEN_EXISTING, 0, NULL);
}

/* Every spelling of the null device reads nothing and takes every byte. */
static void nul_spellings(void)
{
	static const char *names[] = { "NUL", "nul", "Nul. .", "\\\\.\\NUL", "\\\\.\\nul",
				       "C:\\any\\dir\\NUL", "sub/nul", "C:nul" };
	char buf[16] = "unchanged";
	DWORD n;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		HANDLE h;

		SetLastError(0xdead);
		h = open_as(names[i], RW, FALSE);
		CHECK(h != INVALID_HANDLE_VALUE && GetLastError() == 0, "%s: %lu", names[i],
		      GetLastError());
		CHECK(GetFileType(h) == FILE_TYPE_CHAR, "%s: type %lu", names[i], GetFileType(h));
		n = 7;
		CHECK(WriteFile(h, "0123456789", 10, &n, NULL) && n == 10, "%s: wrote %lu",
		      names[i], n);
		n = 7;
		CHECK(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "%s: read %lu", names[i],
		      n);
		CHECK(strcmp(buf, "unchanged") == 0, "%s: the buffer was written", names[i]);
		CHECK(CloseHandle(h), "%s: close", names[i]);
	}
	/* Any disposition opens the device; nothing is created. */
	CHECK(CloseHandle(CreateFileA("NUL", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL)),
	      "CREATE_ALWAYS");
	CHECK(CloseHandle(CreateFileA("NUL", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL)),
	      "CREATE_NEW");
}

/* The handle's rights, position, overlapped read, duplicates, inheritance. */
static void nul_handle(void)
{
	HANDLE h = open_as("NUL", GENERIC_READ, TRUE), dup = NULL;
	OVERLAPPED ov = { 0 };
	DWORD n, flags = 0;
	char buf[4];

	FAILS(WriteFile(h, "x", 1, &n, NULL), FALSE, ERROR_ACCESS_DENIED);
	CHECK(GetHandleInformation(h, &flags) && flags == HANDLE_FLAG_INHERIT, "flags %lu",
	      flags);
	CHECK(SetFilePointer(h, 100, NULL, FILE_BEGIN) == 100, "seek");
	CHECK(SetFilePointer(h, 5, NULL, FILE_CURRENT) == 105, "seek on");
	FAILS(SetFilePointer(h, -1, NULL, FILE_BEGIN), INVALID_SET_FILE_POINTER,
	      ERROR_NEGATIVE_SEEK);
	FAILS(ReadFile(h, buf, sizeof(buf), &n, &ov), FALSE, ERROR_HANDLE_EOF);
	CHECK(WaitForSingleObject(h, 0) == WAIT_OBJECT_0, "a wait on the handle");
	CHECK(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, 0, FALSE,
			      DUPLICATE_SAME_ACCESS), "duplicate: %lu", GetLastError());
	CHECK(GetFileType(dup) == FILE_TYPE_CHAR, "the duplicate's type");
	CHECK(ReadFile(dup, buf, sizeof(buf), &n, NULL) && n == 0, "read the duplicate");
	CHECK(CloseHandle(dup) && CloseHandle(h), "close both");
	FAILS(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetFileType(h), FILE_TYPE_UNKNOWN, ERROR_INVALID_HANDLE);
}

/* "NUL.txt" and "C:\dir\CON" are files, as on Windows 11. */
static void nul_with_extension(void)
{
	HANDLE h = CreateFileA("C:\\NUL.txt", RW, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;

	CHECK(h != INVALID_HANDLE_VALUE, "NUL.txt: %lu", GetLastError());
	CHECK(GetFileType(h) == FILE_TYPE_DISK, "NUL.txt: type %lu", GetFileType(h));
	CHECK(WriteFile(h, "abc", 3, &n, NULL) && GetFileSize(h, NULL) == 3, "NUL.txt: size");
	CloseHandle(h);
	CHECK(DeleteFileA("C:\\NUL.txt"), "NUL.txt: delete: %lu", GetLastError());
	FAILS(CreateFileA("C:\\CON", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL),
	      INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND);
}

/* The C runtime writes and reads NUL as any file. */
static void nul_crt(void)
{
	FILE *f = fopen("NUL", "w");

	CHECK(f && fprintf(f, "gone %d\n", 42) == 8 && fflush(f) == 0, "fopen w");
	CHECK(f && fclose(f) == 0, "fclose w");
	f = fopen("nul", "r");
	CHECK(f && fgetc(f) == EOF && feof(f) && !ferror(f), "fopen r");
	CHECK(f && fclose(f) == 0, "fclose r");
}

static void full_path(const char *name, const char *want)
{
	char out[MAX_PATH] = "", *part = NULL;
	DWORD n = GetFullPathNameA(name, sizeof(out), out, &part);

	CHECK(n == strlen(want) && strcmp(out, want) == 0, "%s: \"%s\" (%lu)", name, out, n);
}

/* GetFullPathName, GetFileAttributes(Ex) and FindFirstFile of the devices. */
static void names(void)
{
	WIN32_FILE_ATTRIBUTE_DATA data;
	WIN32_FIND_DATAA fd;
	char cwd[MAX_PATH], want[MAX_PATH + 16];
	HANDLE find;

	full_path("NUL", "\\\\.\\NUL");
	full_path("C:\\any\\dir\\nul", "\\\\.\\nul");
	full_path("nul. ", "\\\\.\\nul");
	full_path("\\dir\\NUL", "\\\\.\\NUL");
	full_path("\\\\.\\NUL", "\\\\.\\NUL");
	full_path("CON", "\\\\.\\CON");
	full_path("CONOUT$", "\\\\.\\CONOUT$");
	GetCurrentDirectoryA(sizeof(cwd), cwd);
	snprintf(want, sizeof(want), "%s%sNUL.txt", cwd, cwd[strlen(cwd) - 1] == '\\' ? "" : "\\");
	full_path("NUL.txt", want);
	CHECK(GetFileAttributesA("NUL") == FILE_ATTRIBUTE_ARCHIVE, "attributes %#lx",
	      GetFileAttributesA("NUL"));
	CHECK(GetFileAttributesA("C:\\x\\nul") == FILE_ATTRIBUTE_ARCHIVE, "in a directory");
	memset(&data, 0xff, sizeof(data));
	CHECK(GetFileAttributesExA("NUL", GetFileExInfoStandard, &data) &&
	      data.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE && data.nFileSizeLow == 0 &&
	      data.nFileSizeHigh == 0, "GetFileAttributesEx");
	FAILS(GetFileAttributesA("C:\\NUL.txt"), INVALID_FILE_ATTRIBUTES, ERROR_FILE_NOT_FOUND);
	memset(&fd, 0xff, sizeof(fd));
	find = FindFirstFileA("nul", &fd);
	CHECK(find != INVALID_HANDLE_VALUE, "FindFirstFile: %lu", GetLastError());
	CHECK(strcmp(fd.cFileName, "nul") == 0 && fd.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE &&
	      fd.nFileSizeLow == 0, "found \"%s\" %#lx", fd.cFileName, fd.dwFileAttributes);
	FAILS(FindNextFileA(find, &fd), FALSE, ERROR_NO_MORE_FILES);
	CHECK(FindClose(find), "FindClose");
}

/* CONIN$, CONOUT$ and CON: console handles every console call takes. */
static void console_handles(void)
{
	CONSOLE_SCREEN_BUFFER_INFO info;
	HANDLE out = open_as("CONOUT$", RW, FALSE), in = open_as("conin$", RW, FALSE);
	HANDLE con_out = open_as("CON", GENERIC_WRITE, FALSE), dup = NULL;
	HANDLE con_in = open_as("\\\\.\\CON", GENERIC_READ, FALSE);
	OVERLAPPED ov = { 0 };
	DWORD mode = 0, n = 0;
	char c;

	CHECK(out != INVALID_HANDLE_VALUE && in != INVALID_HANDLE_VALUE, "open: %lu",
	      GetLastError());
	CHECK(out != (HANDLE)STD_OUTPUT_HANDLE && in != (HANDLE)STD_INPUT_HANDLE, "real handles");
	CHECK(GetFileType(out) == FILE_TYPE_CHAR && GetFileType(in) == FILE_TYPE_CHAR, "types");
	CHECK(GetConsoleMode(out, &mode) && mode == (ENABLE_PROCESSED_OUTPUT |
						      ENABLE_WRAP_AT_EOL_OUTPUT),
	      "output mode %#lx", mode);
	CHECK(GetConsoleMode(in, &mode) && (mode & ENABLE_LINE_INPUT), "input mode %#lx", mode);
	CHECK(GetConsoleScreenBufferInfo(out, &info) && info.dwSize.X == 80, "buffer info");
	FAILS(GetConsoleScreenBufferInfo(in, &info), FALSE, ERROR_INVALID_HANDLE);
	CHECK(GetNumberOfConsoleInputEvents(in, &n), "input events: %lu", GetLastError());
	CHECK(WaitForSingleObject(out, 0) == WAIT_OBJECT_0, "a wait on the screen buffer");
	(void)WaitForSingleObject(in, 0);       /* not signaled by input here: README */
	CHECK(WriteFile(out, "device-names: written to CONOUT$\n", 33, &n, NULL) && n == 33,
	      "WriteFile: %lu", GetLastError());
	CHECK(WriteConsoleA(out, "device-names: WriteConsole to CONOUT$\n", 38, &n, NULL) &&
	      n == 38, "WriteConsole");
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	CHECK(WriteFile(out, "device-names: with an OVERLAPPED\n", 33, NULL, &ov) &&
	      ov.Internal == 0 && ov.InternalHigh == 33 &&
	      WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "overlapped write");
	CloseHandle(ov.hEvent);
	CHECK(!ReadFile(out, &c, 1, &n, NULL), "ReadFile of the screen buffer");
	CHECK(!WriteFile(in, "x", 1, &n, NULL), "WriteFile of the input buffer");
	CHECK(con_out != INVALID_HANDLE_VALUE && GetConsoleScreenBufferInfo(con_out, &info),
	      "CON for writing is the screen buffer: %lu", GetLastError());
	CHECK(con_in != INVALID_HANDLE_VALUE && GetConsoleMode(con_in, &mode) &&
	      (mode & ENABLE_LINE_INPUT), "\\\\.\\CON for reading is the input buffer");
	FAILS(CreateFileA("CON", RW, SHARE, NULL, OPEN_EXISTING, 0, NULL), INVALID_HANDLE_VALUE,
	      ERROR_FILE_NOT_FOUND);
	CHECK(DuplicateHandle(GetCurrentProcess(), out, GetCurrentProcess(), &dup, 0, FALSE,
			      DUPLICATE_SAME_ACCESS), "duplicate");
	CHECK(WriteFile(dup, "device-names: through a duplicate\n", 34, &n, NULL) && n == 34,
	      "the duplicate writes");
	CHECK(CloseHandle(dup) && CloseHandle(out) && CloseHandle(in) && CloseHandle(con_out) &&
	      CloseHandle(con_in), "close");
	FAILS(GetConsoleMode(out, &mode), FALSE, ERROR_INVALID_HANDLE);
	CHECK(GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode), "the pseudo-handle still");
}

/* The child's standard handles: output CONOUT$, input and error NUL. */
static int child(void)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
	char line[32];
	DWORD mode;

	CHECK(out != (HANDLE)STD_OUTPUT_HANDLE && GetFileType(out) == FILE_TYPE_CHAR &&
	      GetConsoleMode(out, &mode), "stdout is CONOUT$");
	CHECK(GetFileType(in) == FILE_TYPE_CHAR && !GetConsoleMode(in, &mode), "stdin is NUL");
	CHECK(!fgets(line, sizeof(line), stdin) && feof(stdin), "stdin reads nothing");
	fprintf(stderr, "device-names: stderr went to the console\n");
	printf("device-names child: %d failures\n", failures);
	return failures;
}

static void std_handles_of_a_child(const char *self)
{
	HANDLE out = open_as("CONOUT$", RW, TRUE), nul = open_as("NUL", RW, TRUE);
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD code = 99;
	char line[MAX_PATH + 8];

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = nul;
	si.hStdOutput = out;
	si.hStdError = nul;
	snprintf(line, sizeof(line), "%s child", self);
	CHECK(CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi),
	      "CreateProcess: %lu", GetLastError());
	WaitForSingleObject(pi.hProcess, INFINITE);
	CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "child exit %lu", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(out);
	CloseHandle(nul);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "child") == 0)
		return child();
	nul_spellings();
	nul_handle();
	nul_with_extension();
	nul_crt();
	names();
	console_handles();
	std_handles_of_a_child(argv[0]);
	printf("device-names: %d failures\n", failures);
	return failures != 0;
}
