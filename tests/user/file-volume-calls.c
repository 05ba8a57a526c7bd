/* The volume and file calls of vados/winvolume.h on C: and D: (two FAT
 * disks): GetLogicalDriveStrings, GetVolumePathName (the boot volume for
 * relative and unknown names, the short buffers), QueryDosDevice (one
 * drive, all, too small, unknown), GetCompressedFileSize (FAT's file size;
 * INVALID_FILE_SIZE and ERROR_FILE_NOT_FOUND), CreateFile2 (with and
 * without extended parameters, a wrong dwSize), GetBinaryType (the SDK's
 * own programs, made-up PE32, PE32+, DLL, MZ and text files),
 * MoveFileWithProgress across volumes (the routine's calls, a cancel that
 * leaves the source) and within one (no calls), SetFileValidData without
 * SeManageVolumePrivilege, _mktemp and _mktemp_s, and the W forms. */
#include <windows.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#define TEST_NAME "file-volume-calls"
#include "check.h"
#include "crt-common.h"

static void drive_strings(void)
{
	char buf[32];
	WCHAR wbuf[32];

	memset(buf, '#', sizeof(buf));
	CHECK(GetLogicalDriveStringsA(sizeof(buf), buf) == 8 &&
	      memcmp(buf, "C:\\\0D:\\\0\0", 9) == 0, "C: and D:");
	CHECK(GetLogicalDriveStringsA(8, buf) == 9, "too small: the size needed");
	CHECK(GetLogicalDriveStringsA(0, NULL) == 9, "NULL, 0: the size needed");
	CHECK(GetLogicalDriveStringsW(32, wbuf) == 8 && wbuf[0] == L'C' && wbuf[3] == 0 &&
	      wbuf[4] == L'D' && wbuf[8] == 0, "W");
}

static void volume_paths(void)
{
	char out[MAX_PATH];
	WCHAR w[8];

	CHECK(GetVolumePathNameA("C:\\BIN\\hello.exe", out, sizeof(out)) &&
	      strcmp(out, "C:\\") == 0, "a file's: %s", out);
	CHECK(GetVolumePathNameA("d:\\no\\such\\file", out, sizeof(out)) &&
	      strcmp(out, "d:\\") == 0, "d: for a name that is not there: %s", out);
	CHECK(GetVolumePathNameA("relative\\x", out, sizeof(out)) && strcmp(out, "C:\\") == 0,
	      "relative: the boot volume");
	CHECK(GetVolumePathNameA("Q:\\x", out, sizeof(out)) && strcmp(out, "C:\\") == 0,
	      "no such volume: the boot volume");
	CHECK(GetVolumePathNameA("C:\\", out, 3) && strcmp(out, "C:") == 0,
	      "one short: no backslash");
	FAILS(GetVolumePathNameA("C:\\", out, 2), FALSE, ERROR_FILENAME_EXCED_RANGE);
	FAILS(GetVolumePathNameA("", out, sizeof(out)), FALSE, ERROR_SUCCESS);
	CHECK(GetVolumePathNameW(L"D:\\x", w, 8) && wcscmp(w, L"D:\\") == 0, "W");
}

static void dos_devices(void)
{
	char out[64];
	WCHAR w[64];

	CHECK(QueryDosDeviceA("C:", out, sizeof(out)) == 25 &&
	      memcmp(out, "\\Device\\HarddiskVolume1\0\0", 25) == 0, "C:");
	CHECK(QueryDosDeviceA("d:", out, sizeof(out)) == 25 &&
	      strcmp(out, "\\Device\\HarddiskVolume2") == 0, "d:");
	CHECK(QueryDosDeviceA(NULL, out, sizeof(out)) == 7 && memcmp(out, "C:\0D:\0\0", 7) == 0,
	      "every name");
	FAILS(QueryDosDeviceA("C:", out, 24), 0, ERROR_INSUFFICIENT_BUFFER);
	FAILS(QueryDosDeviceA("Q:", out, sizeof(out)), 0, ERROR_FILE_NOT_FOUND);
	FAILS(QueryDosDeviceA("C:\\", out, sizeof(out)), 0, ERROR_FILE_NOT_FOUND);
	CHECK(QueryDosDeviceW(L"C:", w, 64) == 25 && wcscmp(w, L"\\Device\\HarddiskVolume1") == 0,
	      "W");
}

static void sizes_and_create2(void)
{
	CREATEFILE2_EXTENDED_PARAMETERS p = { sizeof(p), FILE_ATTRIBUTE_HIDDEN, 0, 0, NULL, NULL };
	DWORD high = 7, n;
	HANDLE h;

	h = CreateFile2(L"C:\\vol2.tmp", GENERIC_WRITE, 0, CREATE_ALWAYS, NULL);
	CHECK(h != INVALID_HANDLE_VALUE && WriteFile(h, "0123456789", 10, &n, NULL), "created");
	CloseHandle(h);
	CHECK(GetCompressedFileSizeA("C:\\vol2.tmp", &high) == 10 && high == 0, "the size");
	CHECK(GetCompressedFileSizeW(L"C:\\vol2.tmp", NULL) == 10, "W, no high half");
	FAILS(GetCompressedFileSizeA("C:\\nope.tmp", &high), INVALID_FILE_SIZE,
	      ERROR_FILE_NOT_FOUND);
	FAILS(CreateFile2(L"C:\\vol2.tmp", GENERIC_READ, 0, CREATE_NEW, NULL),
	      INVALID_HANDLE_VALUE, ERROR_FILE_EXISTS);
	h = CreateFile2(L"C:\\vol2b.tmp", GENERIC_WRITE, 0, CREATE_NEW, &p);
	CHECK(h != INVALID_HANDLE_VALUE, "with parameters");
	CloseHandle(h);
	CHECK(GetFileAttributesA("C:\\vol2b.tmp") & FILE_ATTRIBUTE_HIDDEN, "their attributes");
	p.dwSize = 8;
	FAILS(CreateFile2(L"C:\\vol2c.tmp", GENERIC_WRITE, 0, CREATE_NEW, &p),
	      INVALID_HANDLE_VALUE, ERROR_INVALID_PARAMETER);
	CHECK(GetFileAttributesA("C:\\vol2c.tmp") == INVALID_FILE_ATTRIBUTES, "nothing made");
	CHECK(DeleteFileA("C:\\vol2b.tmp"), "delete");

	h = CreateFileA("C:\\vol2.tmp", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	FAILS(SetFileValidData(h, 5), FALSE, ERROR_PRIVILEGE_NOT_HELD);
	CloseHandle(h);
	FAILS(SetFileValidData((HANDLE)0x1230, 5), FALSE, ERROR_INVALID_HANDLE);
	CHECK(DeleteFileA("C:\\vol2.tmp"), "delete");
}

/* Writes a file of n bytes of head (the rest zeros, 512 in all). */
static void put(const char *name, const unsigned char *head, size_t n)
{
	unsigned char buf[512] = { 0 };
	HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD done;

	memcpy(buf, head, n);
	CHECK(h != INVALID_HANDLE_VALUE && WriteFile(h, buf, sizeof(buf), &done, NULL), "%s", name);
	CloseHandle(h);
}

/* An MZ header whose e_lfanew is 0x80, and there "PE\0\0", a file header
 * with characteristics and an optional header's magic. */
static void put_pe(const char *name, WORD characteristics, WORD magic)
{
	unsigned char b[0x80 + 26] = { 'M', 'Z' };

	b[0x3c] = 0x80;
	memcpy(b + 0x80, "PE\0\0", 4);
	b[0x80 + 4] = 0x4c, b[0x80 + 5] = 0x01;         /* i386 */
	b[0x80 + 22] = (unsigned char)characteristics, b[0x80 + 23] = (unsigned char)(characteristics >> 8);
	b[0x80 + 24] = (unsigned char)magic, b[0x80 + 25] = (unsigned char)(magic >> 8);
	put(name, b, sizeof(b));
}

static void binary_types(void)
{
	DWORD type = 99;

	CHECK(GetBinaryTypeA("C:\\BIN\\hello.exe", &type) && type == SCS_32BIT_BINARY,
	      "the SDK's program: %lu", type);
	CHECK(GetBinaryTypeW(L"C:\\BIN\\hello.exe", &type) && type == SCS_32BIT_BINARY, "W");
	put_pe("C:\\pe32.exe", 0x0102, 0x10b);
	CHECK(GetBinaryTypeA("C:\\pe32.exe", &type) && type == SCS_32BIT_BINARY, "PE32");
	put_pe("C:\\pe64.exe", 0x0022, 0x20b);
	CHECK(GetBinaryTypeA("C:\\pe64.exe", &type) && type == SCS_64BIT_BINARY, "PE32+");
	put_pe("C:\\lib.dll", 0x2102, 0x10b);
	type = 99;
	FAILS(GetBinaryTypeA("C:\\lib.dll", &type), FALSE, ERROR_BAD_EXE_FORMAT);
	CHECK(type == 99, "left alone");
	put("C:\\dos.exe", (const unsigned char *)"MZ", 2);
	CHECK(GetBinaryTypeA("C:\\dos.exe", &type) && type == SCS_DOS_BINARY, "MZ alone");
	put("C:\\text.txt", (const unsigned char *)"hello", 5);
	FAILS(GetBinaryTypeA("C:\\text.txt", &type), FALSE, ERROR_BAD_EXE_FORMAT);
	FAILS(GetBinaryTypeA("C:\\nope.exe", &type), FALSE, ERROR_FILE_NOT_FOUND);
	CHECK(DeleteFileA("C:\\pe32.exe") && DeleteFileA("C:\\pe64.exe") &&
	      DeleteFileA("C:\\lib.dll") && DeleteFileA("C:\\dos.exe") &&
	      DeleteFileA("C:\\text.txt"), "deleted");
}

static int calls, cancel_at;

static DWORD CALLBACK progress(LARGE_INTEGER total, LARGE_INTEGER done, LARGE_INTEGER stream_total,
			       LARGE_INTEGER stream_done, DWORD stream, DWORD reason, HANDLE from,
			       HANDLE to, LPVOID data)
{
	(void)total, (void)done, (void)stream_total, (void)stream_done, (void)stream;
	(void)reason, (void)from, (void)to;
	calls++;
	CHECK(data == (LPVOID)&calls, "lpData passed");
	return cancel_at && calls == cancel_at ? PROGRESS_CANCEL : PROGRESS_CONTINUE;
}

static void moves(void)
{
	static char big[100000];
	HANDLE h = CreateFileA("C:\\mv.tmp", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;

	CHECK(h != INVALID_HANDLE_VALUE && WriteFile(h, big, sizeof(big), &n, NULL), "source");
	CloseHandle(h);
	CHECK(MoveFileWithProgressA("C:\\mv.tmp", "C:\\mv2.tmp", progress, &calls, 0) &&
	      calls == 0, "a rename: no calls (%d)", calls);
	cancel_at = 2;
	FAILS(MoveFileWithProgressA("C:\\mv2.tmp", "D:\\mv.tmp", progress, &calls,
				    MOVEFILE_COPY_ALLOWED), FALSE, ERROR_REQUEST_ABORTED);
	CHECK(GetFileAttributesA("C:\\mv2.tmp") != INVALID_FILE_ATTRIBUTES &&
	      GetFileAttributesA("D:\\mv.tmp") == INVALID_FILE_ATTRIBUTES,
	      "cancelled: the source stays, no copy");
	calls = cancel_at = 0;
	FAILS(MoveFileWithProgressA("C:\\mv2.tmp", "D:\\mv.tmp", progress, &calls, 0), FALSE,
	      ERROR_NOT_SAME_DEVICE);
	CHECK(MoveFileWithProgressW(L"C:\\mv2.tmp", L"D:\\mv.tmp", progress, &calls,
				    MOVEFILE_COPY_ALLOWED) && calls >= 3,
	      "across volumes: stream switch and chunks (%d calls)", calls);
	CHECK(GetFileAttributesA("C:\\mv2.tmp") == INVALID_FILE_ATTRIBUTES &&
	      GetCompressedFileSizeA("D:\\mv.tmp", NULL) == sizeof(big), "moved whole");
	CHECK(DeleteFileA("D:\\mv.tmp"), "delete");
}

static void temp_names(void)
{
	char t[32], t2[32];
	char digits[8];
	HANDLE h;

	snprintf(digits, sizeof(digits), "%05lu", GetCurrentThreadId() % 100000);
	strcpy(t, "C:\\fnXXXXXX");
	CHECK(_mktemp(t) == t && t[5] == 'a' && strcmp(t + 6, digits) == 0, "first: %s", t);
	h = CreateFileA(t, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	CloseHandle(h);
	strcpy(t2, "C:\\fnXXXXXX");
	CHECK(_mktemp_s(t2, sizeof(t2)) == 0 && t2[5] == 'b' && strcmp(t2 + 6, digits) == 0,
	      "'a' taken: %s", t2);
	CHECK(DeleteFileA(t), "delete");
	strcpy(t, "C:\\fnXXXXX");
	FAILS_ERRNO(_mktemp(t), NULL, EINVAL, 1);
	FAILS_ERRNO(_mktemp(NULL), NULL, EINVAL, 1);
	strcpy(t, "C:\\fnXXXXXX");
	FAILS_ERRNO(_mktemp_s(t, 6), EINVAL, EINVAL, 1);
	CHECK(t[0] == '\0', "emptied");
	strcpy(t, "abcX");
	FAILS_ERRNO(_mktemp_s(t, sizeof(t)), EINVAL, EINVAL, 1);
	CHECK(t[0] == '\0', "emptied");
	FAILS_ERRNO(_mktemp_s(NULL, 10), EINVAL, EINVAL, 1);

	WCHAR w[32] = L"C:\\wfXXXXXX", w2[32] = L"C:\\wfXXXXXX";
	CHECK(_wmktemp(w) == w && w[5] == L'a' && w[6] >= L'0' && w[6] <= L'9', "_wmktemp");
	CHECK(_wmktemp_s(w2, 32) == 0 && wcscmp(w, w2) == 0, "_wmktemp_s: the same free name");
	FAILS_ERRNO(_wmktemp_s(w2, 5), EINVAL, EINVAL, 1);
	CHECK(w2[0] == 0, "emptied");
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	drive_strings();
	volume_paths();
	dos_devices();
	sizes_and_create2();
	binary_types();
	moves();
	temp_names();
	printf("file-volume-calls: %d failures\n", failures);
	return failures != 0;
}
