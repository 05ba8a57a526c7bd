/* Open files as a whole and their volume, as Microsoft documents them:
 * GetFileInformationByHandle (the volume serial GetVolumeInformation gives,
 * one link, a file index that two handles share and two files, empty ones
 * too, do not), GetFileInformationByHandleEx's classes (FileNameInfo in
 * the entries' spelling, short buffers ERROR_BAD_LENGTH and
 * ERROR_MORE_DATA), SetFileInformationByHandle (times and attributes, end
 * of file, allocation, delete on close), GetVolumeInformationA/W and
 * ByHandleW (the label mkfs.fat wrote, FAT32's figures, roots that are no
 * roots), GetFinalPathNameByHandleA/W; every bad input's error. The log
 * names the serial number, which the runner checks against mtools' minfo. */
#include <string.h>
#include <windows.h>

#define TEST_NAME "file-info-handle"
#include "check.h"

#define DIR_PATH "C:\\INFO"
#define DATA_PATH "C:\\INFO\\Data File.txt"
#define DATA_BYTES 5000u

static DWORD cluster_bytes;

static ULONGLONG u64(FILETIME t)
{
	return (ULONGLONG)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

static HANDLE open_file(const char *path, DWORD access, DWORD disposition)
{
	return CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			   NULL, disposition, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

static void setup(void)
{
	static char data[DATA_BYTES];
	DWORD spc, bps, free_clusters, total, done;
	HANDLE h;

	CHECK(CreateDirectoryA(DIR_PATH, NULL), "mkdir: %lu", GetLastError());
	memset(data, 'x', sizeof(data));
	h = open_file(DATA_PATH, GENERIC_WRITE, CREATE_NEW);
	CHECK(WriteFile(h, data, sizeof(data), &done, NULL) && done == sizeof(data), "write");
	CloseHandle(h);
	CHECK(GetDiskFreeSpaceA("C:\\", &spc, &bps, &free_clusters, &total), "space");
	cluster_bytes = spc * bps;
}

static DWORD volume_serial(void)
{
	DWORD serial = 0;

	CHECK(GetVolumeInformationA("C:\\", NULL, 0, &serial, NULL, NULL, NULL, 0),
	      "serial: %lu", GetLastError());
	return serial;
}

static void by_handle(void)
{
	BY_HANDLE_FILE_INFORMATION a, b, e1, e2, d, r;
	HANDLE h = open_file(DATA_PATH, GENERIC_READ, OPEN_EXISTING), h2, ro, ev;
	HANDLE empty1 = open_file(DIR_PATH "\\empty1", GENERIC_WRITE, CREATE_NEW);
	HANDLE empty2 = open_file(DIR_PATH "\\empty2", GENERIC_WRITE, CREATE_NEW);
	HANDLE dir = open_file(DIR_PATH, GENERIC_READ, OPEN_EXISTING);
	HANDLE root = open_file("C:\\", GENERIC_READ, OPEN_EXISTING);
	FILETIME c, w, acc;
	WIN32_FIND_DATAA fd;
	HANDLE find;

	CHECK(GetFileInformationByHandle(h, &a), "file: %lu", GetLastError());
	CHECK(a.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "attributes %#lx", a.dwFileAttributes);
	CHECK(a.nFileSizeHigh == 0 && a.nFileSizeLow == DATA_BYTES, "size %lu", a.nFileSizeLow);
	CHECK(a.nNumberOfLinks == 1, "links %lu", a.nNumberOfLinks);
	CHECK(a.dwVolumeSerialNumber == volume_serial(), "serial %08lX", a.dwVolumeSerialNumber);
	CHECK(GetFileTime(h, &c, &acc, &w) && u64(c) == u64(a.ftCreationTime) &&
	      u64(acc) == u64(a.ftLastAccessTime) && u64(w) == u64(a.ftLastWriteTime),
	      "the times GetFileTime gives");
	h2 = open_file(DATA_PATH, FILE_READ_ATTRIBUTES, OPEN_EXISTING);
	CHECK(GetFileInformationByHandle(h2, &b) && b.nFileIndexHigh == a.nFileIndexHigh &&
	      b.nFileIndexLow == a.nFileIndexLow, "a second handle: the same index");
	CHECK(GetFileInformationByHandle(empty1, &e1) && GetFileInformationByHandle(empty2, &e2),
	      "empty files");
	CHECK((e1.nFileIndexLow != e2.nFileIndexLow || e1.nFileIndexHigh != e2.nFileIndexHigh) &&
	      (e1.nFileIndexLow != a.nFileIndexLow || e1.nFileIndexHigh != a.nFileIndexHigh),
	      "two empty files and a full one: three indexes %lx:%lx %lx:%lx %lx:%lx",
	      e1.nFileIndexHigh, e1.nFileIndexLow, e2.nFileIndexHigh, e2.nFileIndexLow,
	      a.nFileIndexHigh, a.nFileIndexLow);
	CHECK(e1.nFileSizeLow == 0 && e1.dwFileAttributes == FILE_ATTRIBUTE_ARCHIVE, "empty");
	CHECK(GetFileInformationByHandle(dir, &d) &&
	      d.dwFileAttributes == FILE_ATTRIBUTE_DIRECTORY && d.nFileSizeLow == 0 &&
	      (d.nFileIndexLow != a.nFileIndexLow || d.nFileIndexHigh != a.nFileIndexHigh),
	      "a directory: %lu %#lx", GetLastError(), d.dwFileAttributes);
	CHECK(GetFileInformationByHandle(root, &r) &&
	      (r.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) &&
	      (r.nFileIndexLow != d.nFileIndexLow || r.nFileIndexHigh != d.nFileIndexHigh),
	      "the root: %lu", GetLastError());
	/* A handle without FILE_READ_ATTRIBUTES: GetFileSize needs no right. */
	CHECK(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &ro, FILE_READ_DATA,
			      FALSE, 0), "duplicate: %lu", GetLastError());
	FAILS(GetFileInformationByHandle(ro, &b), FALSE, ERROR_ACCESS_DENIED);
	FAILS(GetFileTime(ro, NULL, NULL, &w), FALSE, ERROR_ACCESS_DENIED);
	CHECK(GetFileSize(ro, NULL) == DATA_BYTES, "GetFileSize without the right");
	FAILS(GetFileInformationByHandle(NULL, &b), FALSE, ERROR_INVALID_HANDLE);
	FAILS(GetFileInformationByHandle(INVALID_HANDLE_VALUE, &b), FALSE, ERROR_INVALID_HANDLE);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	FAILS(GetFileInformationByHandle(ev, &b), FALSE, ERROR_INVALID_HANDLE);
	find = FindFirstFileA(DIR_PATH "\\*", &fd);
	FAILS(GetFileInformationByHandle(find, &b), FALSE, ERROR_INVALID_HANDLE);
	FindClose(find);
	FAILS(GetFileInformationByHandle(h, NULL), FALSE, ERROR_NOACCESS);
	CloseHandle(ev);
	CloseHandle(ro);
	CloseHandle(h2);
	CloseHandle(h);
	FAILS(GetFileInformationByHandle(h, &b), FALSE, ERROR_INVALID_HANDLE);
	CloseHandle(empty1);
	CloseHandle(empty2);
	CloseHandle(dir);
	CloseHandle(root);
}

/* FileNameInfo of path, opened: "\INFO\Data File.txt" whichever way. */
static void name_of(const char *path)
{
	static const char want[] = "\\INFO\\Data File.txt";
	union {
		FILE_NAME_INFO n;
		char bytes[sizeof(DWORD) + 2 * MAX_PATH];
	} buf;
	const WCHAR *name = (const WCHAR *)(buf.bytes + sizeof(DWORD));
	HANDLE h = open_file(path, GENERIC_READ, OPEN_EXISTING);
	BOOL same = TRUE;

	CHECK(GetFileInformationByHandleEx(h, FileNameInfo, &buf, sizeof(buf)),
	      "%s: %lu", path, GetLastError());
	CHECK(buf.n.FileNameLength == 2 * strlen(want), "%s: %lu bytes", path,
	      buf.n.FileNameLength);
	for (size_t i = 0; i < strlen(want); i++)
		same = same && name[i] == (WCHAR)want[i];
	CHECK(same, "%s: the entries' spelling", path);
	memset(&buf, 0, sizeof(buf));
	FAILS(GetFileInformationByHandleEx(h, FileNameInfo, &buf, sizeof(DWORD) + 4 * 2), FALSE,
	      ERROR_MORE_DATA);
	CHECK(buf.n.FileNameLength == 2 * strlen(want) && name[0] == '\\' && name[3] == 'F' &&
	      name[4] == 0, "a short buffer: the length needed and what fits");
	FAILS(GetFileInformationByHandleEx(h, FileNameInfo, &buf, sizeof(DWORD) + 2), FALSE,
	      ERROR_BAD_LENGTH);
	CloseHandle(h);
}

static void by_handle_ex(void)
{
	HANDLE h = open_file(DATA_PATH, GENERIC_READ, OPEN_EXISTING);
	HANDLE dir = open_file(DIR_PATH, GENERIC_READ, OPEN_EXISTING);
	BY_HANDLE_FILE_INFORMATION bh;
	FILE_BASIC_INFO basic;
	FILE_STANDARD_INFO st;
	FILE_ATTRIBUTE_TAG_INFO tag;
	FILE_ID_INFO id;
	ULONGLONG index;
	char big[64];

	GetFileInformationByHandle(h, &bh);
	index = (ULONGLONG)bh.nFileIndexHigh << 32 | bh.nFileIndexLow;
	CHECK(GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof(basic)), "basic");
	CHECK((ULONGLONG)basic.CreationTime.QuadPart == u64(bh.ftCreationTime) &&
	      (ULONGLONG)basic.LastWriteTime.QuadPart == u64(bh.ftLastWriteTime) &&
	      (ULONGLONG)basic.LastAccessTime.QuadPart == u64(bh.ftLastAccessTime) &&
	      basic.ChangeTime.QuadPart == 0 && basic.FileAttributes == FILE_ATTRIBUTE_ARCHIVE,
	      "basic: the times, none for a change (FAT keeps none), the attributes");
	CHECK(GetFileInformationByHandleEx(h, FileStandardInfo, &st, sizeof(st)), "standard");
	CHECK(st.EndOfFile.QuadPart == DATA_BYTES &&
	      st.AllocationSize.QuadPart == (DATA_BYTES + cluster_bytes - 1) / cluster_bytes *
						cluster_bytes &&
	      st.NumberOfLinks == 1 && !st.DeletePending && !st.Directory,
	      "standard: %lld of %lld bytes", st.EndOfFile.QuadPart, st.AllocationSize.QuadPart);
	CHECK(GetFileInformationByHandleEx(dir, FileStandardInfo, &st, sizeof(st)) &&
	      st.Directory && st.EndOfFile.QuadPart == 0, "a directory's standard info");
	CHECK(GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof(tag)) &&
	      tag.FileAttributes == FILE_ATTRIBUTE_ARCHIVE && tag.ReparseTag == 0, "tag");
	CHECK(GetFileInformationByHandleEx(h, FileIdInfo, &id, sizeof(id)) &&
	      id.VolumeSerialNumber == bh.dwVolumeSerialNumber &&
	      !memcmp(id.FileId.Identifier, &index, 8) && !id.FileId.Identifier[15],
	      "id: the serial and the index");
	name_of(DATA_PATH);
	name_of("c:\\info\\data file.TXT");
	name_of("C:\\INFO\\DATAFI~1.TXT");
	FAILS(GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof(basic) - 1), FALSE,
	      ERROR_BAD_LENGTH);
	FAILS(GetFileInformationByHandleEx(h, FileStandardInfo, &st, 0), FALSE, ERROR_BAD_LENGTH);
	FAILS(GetFileInformationByHandleEx(h, FileStreamInfo, big, sizeof(big)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetFileInformationByHandleEx(h, FileRenameInfo, big, sizeof(big)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetFileInformationByHandleEx(h, FileDispositionInfo, big, sizeof(big)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetFileInformationByHandleEx(h, MaximumFileInfoByHandleClass, big, sizeof(big)),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetFileInformationByHandleEx(h, (FILE_INFO_BY_HANDLE_CLASS)1000, big, sizeof(big)),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetFileInformationByHandleEx(NULL, FileBasicInfo, &basic, sizeof(basic)), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(GetFileInformationByHandleEx(NULL, FileNameInfo, big, sizeof(big)), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(GetFileInformationByHandleEx(h, FileBasicInfo, NULL, sizeof(basic)), FALSE,
	      ERROR_NOACCESS);
	CloseHandle(h);
	CloseHandle(dir);
}

static LARGE_INTEGER filetime_of(WORD year, WORD month, WORD day, WORD second)
{
	SYSTEMTIME s = { year, month, 0, day, 4, 5, second, 0 };
	FILETIME f;
	LARGE_INTEGER l;

	SystemTimeToFileTime(&s, &f);
	l.LowPart = f.dwLowDateTime;
	l.HighPart = (LONG)f.dwHighDateTime;
	return l;
}

static void set_basic(void)
{
	HANDLE h = open_file(DATA_PATH, GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING), r;
	FILE_BASIC_INFO set = { 0 }, got;

	set.CreationTime = filetime_of(2001, 2, 3, 6);
	set.LastWriteTime = filetime_of(2002, 3, 4, 8);
	set.FileAttributes = FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN;
	CHECK(SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof(set)), "set basic: %lu",
	      GetLastError());
	GetFileInformationByHandleEx(h, FileBasicInfo, &got, sizeof(got));
	CHECK(got.CreationTime.QuadPart == set.CreationTime.QuadPart &&
	      got.LastWriteTime.QuadPart == set.LastWriteTime.QuadPart &&
	      got.FileAttributes == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN),
	      "the times and attributes set: %#lx", got.FileAttributes);
	memset(&set, 0, sizeof(set));
	set.LastAccessTime.QuadPart = -1;
	set.LastWriteTime.QuadPart = -2;
	CHECK(SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof(set)), "all kept");
	GetFileInformationByHandleEx(h, FileBasicInfo, &set, sizeof(set));
	CHECK(set.CreationTime.QuadPart == got.CreationTime.QuadPart &&
	      set.LastAccessTime.QuadPart == got.LastAccessTime.QuadPart &&
	      set.LastWriteTime.QuadPart == got.LastWriteTime.QuadPart &&
	      set.FileAttributes == got.FileAttributes, "0, -1 and -2 leave each alone");
	set = (FILE_BASIC_INFO){ .FileAttributes = FILE_ATTRIBUTE_NORMAL };
	CHECK(SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof(set)), "normal");
	CHECK(GetFileAttributesA(DATA_PATH) == FILE_ATTRIBUTE_NORMAL, "NORMAL clears them");
	set.FileAttributes = 0;
	set.CreationTime = filetime_of(1975, 1, 1, 0);
	FAILS(SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof(set)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetFileInformationByHandle(h, FileBasicInfo, &set, sizeof(set) - 1), FALSE,
	      ERROR_BAD_LENGTH);
	r = open_file(DATA_PATH, GENERIC_READ, OPEN_EXISTING);
	set.CreationTime.QuadPart = 0;
	FAILS(SetFileInformationByHandle(r, FileBasicInfo, &set, sizeof(set)), FALSE,
	      ERROR_ACCESS_DENIED);
	SetFileAttributesA(DATA_PATH, FILE_ATTRIBUTE_ARCHIVE);
	CloseHandle(r);
	CloseHandle(h);
}

static void set_sizes(void)
{
	HANDLE h = open_file(DATA_PATH, GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	HANDLE r = open_file(DATA_PATH, GENERIC_READ, OPEN_EXISTING);
	FILE_END_OF_FILE_INFO eof = { .EndOfFile.QuadPart = 100 };
	FILE_ALLOCATION_INFO alloc = { .AllocationSize.QuadPart = 50 };
	char tail[4] = "abc";
	DWORD done;

	CHECK(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof)) &&
	      GetFileSize(h, NULL) == 100, "end of file 100: %lu", GetFileSize(h, NULL));
	eof.EndOfFile.QuadPart = 10000;
	CHECK(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof)) &&
	      GetFileSize(h, NULL) == 10000, "end of file 10000");
	SetFilePointer(h, 9000, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, tail, 3, &done, NULL) && done == 3 && !tail[0] && !tail[2],
	      "the file grown reads zeros");
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	CHECK(ReadFile(h, tail, 3, &done, NULL) && tail[0] == 'x', "and keeps its data");
	eof.EndOfFile.QuadPart = 100;
	SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof));
	CHECK(SetFileInformationByHandle(h, FileAllocationInfo, &alloc, sizeof(alloc)) &&
	      GetFileSize(h, NULL) == 50, "an allocation below the size cuts the file");
	alloc.AllocationSize.QuadPart = 1 << 20;
	CHECK(SetFileInformationByHandle(h, FileAllocationInfo, &alloc, sizeof(alloc)) &&
	      GetFileSize(h, NULL) == 50, "a larger one leaves the size");
	eof.EndOfFile.QuadPart = -1;
	FAILS(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof)), FALSE,
	      ERROR_INVALID_PARAMETER);
	eof.EndOfFile.QuadPart = 0x100000000LL;
	FAILS(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, sizeof(eof)), FALSE,
	      ERROR_DISK_FULL);
	FAILS(SetFileInformationByHandle(h, FileEndOfFileInfo, &eof, 4), FALSE, ERROR_BAD_LENGTH);
	FAILS(SetFileInformationByHandle(r, FileEndOfFileInfo, &eof, sizeof(eof)), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(SetFileInformationByHandle(r, FileAllocationInfo, &alloc, sizeof(alloc)), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(SetFileInformationByHandle(h, FileStandardInfo, &eof, sizeof(eof)), FALSE,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetFileInformationByHandle(h, (FILE_INFO_BY_HANDLE_CLASS)1000, &eof, sizeof(eof)),
	      FALSE, ERROR_INVALID_PARAMETER);
	FAILS(SetFileInformationByHandle(NULL, FileEndOfFileInfo, &eof, sizeof(eof)), FALSE,
	      ERROR_INVALID_HANDLE);
	FAILS(SetFileInformationByHandle(h, FileEndOfFileInfo, NULL, sizeof(eof)), FALSE,
	      ERROR_NOACCESS);
	CHECK(GetFileSize(h, NULL) == 50, "the failures changed nothing");
	CloseHandle(r);
	CloseHandle(h);
}

static BOOL delete_pending(HANDLE h)
{
	FILE_STANDARD_INFO st;

	return GetFileInformationByHandleEx(h, FileStandardInfo, &st, sizeof(st)) &&
	       st.DeletePending;
}

static void set_disposition(void)
{
	FILE_DISPOSITION_INFO yes = { { TRUE } }, no = { { FALSE } };
	HANDLE h = open_file(DIR_PATH "\\doomed", GENERIC_WRITE | DELETE, CREATE_NEW), other;
	HANDLE dir = open_file(DIR_PATH, GENERIC_READ | DELETE, OPEN_EXISTING);

	CHECK(SetFileInformationByHandle(h, FileDispositionInfo, &yes, sizeof(yes)) &&
	      delete_pending(h), "delete pending: %lu", GetLastError());
	other = open_file(DIR_PATH "\\doomed", GENERIC_READ, OPEN_EXISTING);
	CHECK(other == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
	      "no new opens meanwhile: %lu", GetLastError());
	CHECK(SetFileInformationByHandle(h, FileDispositionInfo, &no, sizeof(no)) &&
	      !delete_pending(h), "undone");
	CHECK(SetFileInformationByHandle(h, FileDispositionInfo, &yes, sizeof(yes)), "again");
	CloseHandle(h);
	CHECK(GetFileAttributesA(DIR_PATH "\\doomed") == INVALID_FILE_ATTRIBUTES &&
	      GetLastError() == ERROR_FILE_NOT_FOUND, "gone at the last close");
	h = open_file(DIR_PATH "\\kept", GENERIC_WRITE | DELETE, CREATE_NEW);
	CHECK(SetFileInformationByHandle(h, FileDispositionInfo, &yes, sizeof(yes)) &&
	      SetFileInformationByHandle(h, FileDispositionInfo, &no, sizeof(no)), "set, unset");
	CloseHandle(h);
	CHECK(GetFileAttributesA(DIR_PATH "\\kept") != INVALID_FILE_ATTRIBUTES, "kept");
	h = open_file(DIR_PATH "\\kept", GENERIC_WRITE, OPEN_EXISTING);
	FAILS(SetFileInformationByHandle(h, FileDispositionInfo, &yes, sizeof(yes)), FALSE,
	      ERROR_ACCESS_DENIED);
	FAILS(SetFileInformationByHandle(h, FileDispositionInfo, &yes, 0), FALSE,
	      ERROR_BAD_LENGTH);
	CloseHandle(h);
	FAILS(SetFileInformationByHandle(dir, FileDispositionInfo, &yes, sizeof(yes)), FALSE,
	      ERROR_DIR_NOT_EMPTY);
	CHECK(!delete_pending(dir), "a directory with files stays");
	CloseHandle(dir);
	CreateDirectoryA(DIR_PATH "\\EMPTY", NULL);
	dir = open_file(DIR_PATH "\\EMPTY", GENERIC_READ | DELETE, OPEN_EXISTING);
	CHECK(SetFileInformationByHandle(dir, FileDispositionInfo, &yes, sizeof(yes)),
	      "an empty directory: %lu", GetLastError());
	CloseHandle(dir);
	CHECK(GetFileAttributesA(DIR_PATH "\\EMPTY") == INVALID_FILE_ATTRIBUTES, "removed");
	DeleteFileA(DIR_PATH "\\kept");
}

/* FILE_RENAME_INFO naming name (ASCII) in a buffer of size bytes (0: the
 * whole buffer). */
static BOOL rename_to(HANDLE h, const char *name, BOOLEAN replace, DWORD size)
{
	union {
		FILE_RENAME_INFO r;
		char bytes[12 + 2 * MAX_PATH];
	} buf = { 0 };
	WCHAR *w = (WCHAR *)(buf.bytes + 12);

	buf.r.ReplaceIfExists = replace;
	buf.r.FileNameLength = 2 * strlen(name);
	for (size_t i = 0; name[i]; i++)
		w[i] = (unsigned char)name[i];
	return SetFileInformationByHandle(h, FileRenameInfo, &buf, size ? size : sizeof(buf));
}

static void set_rename(void)
{
	HANDLE h = open_file(DIR_PATH "\\old.txt", GENERIC_WRITE | DELETE, CREATE_NEW), other;
	HANDLE ro = open_file(DIR_PATH "\\other.txt", GENERIC_WRITE, CREATE_NEW);
	char path[MAX_PATH];
	DWORD done;

	other = open_file(DIR_PATH "\\old.txt", GENERIC_READ, OPEN_EXISTING);
	CHECK(rename_to(h, "New Name.txt", FALSE, 0), "a name alone: %lu", GetLastError());
	CHECK(GetFileAttributesA(DIR_PATH "\\old.txt") == INVALID_FILE_ATTRIBUTES &&
	      GetFileAttributesA(DIR_PATH "\\New Name.txt") != INVALID_FILE_ATTRIBUTES,
	      "renamed in its directory");
	CHECK(GetFinalPathNameByHandleA(other, path, sizeof(path), VOLUME_NAME_NONE) &&
	      !strcmp(path, "\\INFO\\New Name.txt"), "every handle follows: %s", path);
	CHECK(WriteFile(h, "abc", 3, &done, NULL) && done == 3, "the handle still writes");
	CHECK(rename_to(h, "\\??\\C:\\moved.txt", FALSE, 0), "an NT path: %lu", GetLastError());
	CHECK(GetFileAttributesA("C:\\moved.txt") != INVALID_FILE_ATTRIBUTES, "moved to the root");
	CHECK(rename_to(h, "\\??\\C:\\INFO\\back.txt", FALSE, 0), "back into C:\\INFO");
	FAILS(rename_to(h, "other.txt", FALSE, 0), FALSE, ERROR_ALREADY_EXISTS);
	CloseHandle(ro);
	CHECK(rename_to(h, "other.txt", TRUE, 0), "ReplaceIfExists: %lu", GetLastError());
	CHECK(GetFinalPathNameByHandleA(h, path, sizeof(path), 0) &&
	      !strcmp(path, "\\\\?\\C:\\INFO\\other.txt"), "replaced: %s", path);
	CHECK(rename_to(h, "C:\\INFO\\win32.txt", FALSE, 0) &&
	      GetFileAttributesA(DIR_PATH "\\win32.txt") != INVALID_FILE_ATTRIBUTES,
	      "a Win32 path, as the page allows: %lu", GetLastError());
	SetCurrentDirectoryA("C:\\");
	CHECK(rename_to(h, "INFO\\other.txt", FALSE, 0), "relative to the current directory");
	FAILS(rename_to(h, "x.txt", FALSE, 8), FALSE, ERROR_BAD_LENGTH);
	FAILS(rename_to(h, "long name.txt", FALSE, 16), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(rename_to(other, "x.txt", FALSE, 0), FALSE, ERROR_ACCESS_DENIED);
	CloseHandle(other);
	CloseHandle(h);
	CHECK(GetFileSize(h = open_file(DIR_PATH "\\other.txt", GENERIC_READ, OPEN_EXISTING),
			  NULL) == 3, "the data came along");
	CloseHandle(h);
	DeleteFileA(DIR_PATH "\\other.txt");
}

static void volume(void)
{
	char label[32], fs[32];
	WCHAR wlabel[32], wfs[32];
	DWORD serial = 0, wserial = 1, max = 0, flags = 0;
	HANDLE h = open_file(DATA_PATH, GENERIC_READ, OPEN_EXISTING);

	CHECK(GetVolumeInformationA("C:\\", label, sizeof(label), &serial, &max, &flags, fs,
				    sizeof(fs)), "C:\\: %lu", GetLastError());
	CHECK(!strcmp(label, "VADOS") && !strcmp(fs, "FAT32") && max == 255 &&
	      flags == (FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK),
	      "label '%s', file system %s, %lu, %#lx", label, fs, max, flags);
	printf("file-info-handle: serial of C: is %08lX\n", serial);
	CHECK(GetVolumeInformationW(L"C:\\", wlabel, 32, &wserial, NULL, NULL, wfs, 32) &&
	      wserial == serial && !lstrcmpW(wlabel, L"VADOS") && !lstrcmpW(wfs, L"FAT32"),
	      "the W form");
	wserial = 0;
	CHECK(GetVolumeInformationByHandleW(h, wlabel, 32, &wserial, NULL, NULL, NULL, 0) &&
	      wserial == serial && !lstrcmpW(wlabel, L"VADOS"), "by handle");
	CHECK(GetVolumeInformationA(NULL, NULL, 0, NULL, NULL, NULL, NULL, 0), "NULL: %lu",
	      GetLastError());
	CHECK(GetVolumeInformationA("\\\\?\\C:\\", NULL, 0, &wserial, NULL, NULL, NULL, 0) &&
	      wserial == serial, "\\\\?\\C:\\");
	CHECK(GetVolumeInformationA("C:", NULL, 0, NULL, NULL, NULL, NULL, 0),
	      "C: while C:'s current directory is its root: %lu", GetLastError());
	FAILS(GetVolumeInformationA("C:\\INFO\\", NULL, 0, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_DIR_NOT_ROOT);
	FAILS(GetVolumeInformationA("C:\\INFO", NULL, 0, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_INVALID_NAME);
	SetCurrentDirectoryA(DIR_PATH);
	FAILS(GetVolumeInformationA("C:", NULL, 0, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_INVALID_NAME);
	SetCurrentDirectoryA("C:\\");
	FAILS(GetVolumeInformationA("Q:\\", NULL, 0, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_PATH_NOT_FOUND);
	FAILS(GetVolumeInformationA("C:\\", label, 5, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_MORE_DATA);
	FAILS(GetVolumeInformationA("C:\\", NULL, 0, NULL, NULL, NULL, fs, 5), FALSE,
	      ERROR_MORE_DATA);
	FAILS(GetVolumeInformationW(L"C:\\", wlabel, 5, NULL, NULL, NULL, NULL, 0), FALSE,
	      ERROR_MORE_DATA);
	FAILS(GetVolumeInformationByHandleW(NULL, NULL, 0, &wserial, NULL, NULL, NULL, 0), FALSE,
	      ERROR_INVALID_HANDLE);
	CloseHandle(h);
}

static void final_path(void)
{
	static const char dos[] = "\\\\?\\C:\\INFO\\Data File.txt";
	HANDLE h = open_file("c:\\info\\DATAFI~1.TXT", GENERIC_READ, OPEN_EXISTING);
	HANDLE dir = open_file(DIR_PATH, GENERIC_READ, OPEN_EXISTING);
	HANDLE root = open_file("C:\\", GENERIC_READ, OPEN_EXISTING);
	DWORD n = (DWORD)strlen(dos);
	char buf[MAX_PATH + 40];
	WCHAR w[MAX_PATH + 40];

	CHECK(GetFinalPathNameByHandleA(h, buf, sizeof(buf), 0) == n && !strcmp(buf, dos),
	      "VOLUME_NAME_DOS: %s", buf);
	CHECK(GetFinalPathNameByHandleA(h, buf, sizeof(buf), FILE_NAME_OPENED) == n &&
	      !strcmp(buf, dos), "FILE_NAME_OPENED: %s", buf);
	CHECK(GetFinalPathNameByHandleA(h, buf, n, 0) == n + 1, "too small: the size needed");
	CHECK(GetFinalPathNameByHandleA(h, NULL, 0, 0) == n + 1, "no buffer: the size needed");
	CHECK(GetFinalPathNameByHandleA(h, buf, sizeof(buf), VOLUME_NAME_NONE) == n - 6 &&
	      !strcmp(buf, dos + 6), "VOLUME_NAME_NONE: %s", buf);
	CHECK(GetFinalPathNameByHandleA(h, buf, sizeof(buf), VOLUME_NAME_NT) &&
	      !strcmp(buf, "\\Device\\HarddiskVolume1\\INFO\\Data File.txt"),
	      "VOLUME_NAME_NT: %s", buf);
	CHECK(GetFinalPathNameByHandleW(h, w, MAX_PATH, 0) == n && w[0] == '\\' && w[4] == 'C' &&
	      w[n - 1] == 't' && w[n] == 0, "the W form");
	CHECK(GetFinalPathNameByHandleW(h, w, 3, 0) == n + 1, "W too small");
	CHECK(GetFinalPathNameByHandleA(dir, buf, sizeof(buf), 0) == 11 &&
	      !strcmp(buf, "\\\\?\\C:\\INFO"), "a directory: %s", buf);
	CHECK(GetFinalPathNameByHandleA(root, buf, sizeof(buf), 0) == 7 &&
	      !strcmp(buf, "\\\\?\\C:\\"), "the root: %s", buf);
	FAILS(GetFinalPathNameByHandleA(h, buf, sizeof(buf), 0x10), 0, ERROR_INVALID_PARAMETER);
	FAILS(GetFinalPathNameByHandleA(h, buf, sizeof(buf), VOLUME_NAME_NT | VOLUME_NAME_NONE), 0,
	      ERROR_INVALID_PARAMETER);
	FAILS(GetFinalPathNameByHandleA(h, buf, sizeof(buf), VOLUME_NAME_GUID), 0,
	      ERROR_PATH_NOT_FOUND);
	FAILS(GetFinalPathNameByHandleA(NULL, buf, sizeof(buf), 0), 0, ERROR_INVALID_HANDLE);
	FAILS(GetFinalPathNameByHandleW(INVALID_HANDLE_VALUE, w, MAX_PATH, 0), 0,
	      ERROR_INVALID_HANDLE);
	CloseHandle(h);
	CloseHandle(dir);
	CloseHandle(root);
}

int main(void)
{
	setup();
	by_handle();
	by_handle_ex();
	set_basic();
	set_sizes();
	set_disposition();
	set_rename();
	volume();
	final_path();
	printf("file-info-handle: %d failures\n", failures);
	return failures != 0;
}
