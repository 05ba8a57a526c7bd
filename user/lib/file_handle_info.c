/* Open files as a whole and their volumes (<windows.h>):
 * GetFileInformationByHandle(Ex), SetFileInformationByHandle,
 * GetFinalPathNameByHandleA/W, GetVolumeInformationA/W and
 * GetVolumeInformationByHandleW, with Windows' structures, return
 * conventions and errors. The kernel gives the figures
 * (kernel/sys/sys_fileinfo.c); a volume is FAT32, as Windows describes one. */
#include "runtime.h"
#include "user/lib/wide_arg.h"
#include "win32call.h"
#include <stddef.h>
#include <string.h>

#define FAT32_MAX_COMPONENT 255u
#define FAT32_FLAGS (FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK)
#define FAT32_NAME "FAT32"

_Static_assert(sizeof(FILE_FULL_DIR_INFO) == 72 && sizeof(FILE_ID_BOTH_DIR_INFO) == 112 &&
	       offsetof(FILE_FULL_DIR_INFO, FileName) == 68 &&
	       offsetof(FILE_ID_BOTH_DIR_INFO, ShortName) == 70 &&
	       offsetof(FILE_ID_BOTH_DIR_INFO, FileId) == 96 &&
	       offsetof(FILE_ID_BOTH_DIR_INFO, FileName) == 104, "Windows' layouts");
_Static_assert(sizeof(FILE_BASIC_INFO) == 40 && sizeof(FILE_STANDARD_INFO) == 24 &&
	       sizeof(FILE_ID_INFO) == 24 && sizeof(FILE_NAME_INFO) == 8 &&
	       sizeof(FILE_RENAME_INFO) == 16, "Windows' sizes");

/* FILETIME's words as a LARGE_INTEGER. */
static LARGE_INTEGER large(const unsigned int w[2])
{
	LARGE_INTEGER l;

	l.LowPart = w[0];
	l.HighPart = (LONG)w[1];
	return l;
}

/* The figures of hFile into *info; with attributes, those need
 * FILE_READ_ATTRIBUTES (else ERROR_ACCESS_DENIED). */
static BOOL query(HANDLE hFile, struct vados_file_info *info, BOOL attributes)
{
	return attributes ? __vados_query_attributes(hFile, info)
			  : __vados_query_file(hFile, info, false);
}

/* The attributes, times, volume serial number, size, one link and the
 * file index (the entry's directory cluster and byte offset; see README). */
BOOL WINAPI GetFileInformationByHandle(HANDLE hFile,
				       LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
{
	struct vados_file_info info;

	if (!query(hFile, &info, TRUE))
		return FALSE;
	if (IsBadWritePtr(lpFileInformation, sizeof(*lpFileInformation))) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	_Static_assert(sizeof(*lpFileInformation) == 52, "BY_HANDLE_FILE_INFORMATION");
	memcpy(lpFileInformation, &info, sizeof(*lpFileInformation));
	return TRUE;
}

/* hFile's path as its entries spell it: "C:\DIR\NAME", or (nt)
 * "\Device\HarddiskVolume1\DIR\NAME", into buf[MAX_PATH + 32]; its length,
 * 0 with the error. */
static DWORD file_path(HANDLE hFile, BOOL nt, char *buf)
{
	uint32_t args[4] = { (uint32_t)hFile, nt != FALSE, (uint32_t)buf, MAX_PATH + 32 }, n;

	return win32_call(SYS_QUERY_FILE_PATH, args, &n) ? n : 0;
}

/* FILE_NAME_INFO: the path without its drive, in UTF-16, as much as fits
 * (ERROR_MORE_DATA, FileNameLength the whole name's bytes). */
static BOOL name_info(HANDLE hFile, FILE_NAME_INFO *out, DWORD size)
{
	char path[MAX_PATH + 32];
	DWORD n = file_path(hFile, FALSE, path), room = (size - sizeof(DWORD)) / sizeof(WCHAR);

	if (!n)
		return FALSE;
	n -= 2;                         /* "C:" */
	out->FileNameLength = n * sizeof(WCHAR);
	for (DWORD i = 0; i < n && i < room; i++)
		wide_widen(path + 2 + i, out->FileName + i, 1);
	if (n > room) {
		SetLastError(ERROR_MORE_DATA);
		return FALSE;
	}
	return TRUE;
}

/* One listing entry of d at out (its FileName room checked by the caller):
 * FILE_ID_BOTH_DIR_INFO's fields (id) or FILE_FULL_DIR_INFO's, which are its
 * first ones; name is d's name in UTF-16, n units. */
static void list_entry(BYTE *out, const struct vados_find_data *d, const WCHAR *name,
		       DWORD n, BOOL id, DWORD cluster)
{
	FILE_ID_BOTH_DIR_INFO *e = (FILE_ID_BOTH_DIR_INFO *)out;
	ULONGLONG size = (ULONGLONG)d->size_high << 32 | d->size_low;

	memset(e, 0, id ? offsetof(FILE_ID_BOTH_DIR_INFO, FileName)
			: offsetof(FILE_FULL_DIR_INFO, FileName));
	e->CreationTime = large(d->created);
	e->LastAccessTime = large(d->accessed);
	e->LastWriteTime = large(d->written);
	e->EndOfFile.QuadPart = (LONGLONG)size;
	e->AllocationSize.QuadPart = (LONGLONG)((size + cluster - 1) / cluster * cluster);
	e->FileAttributes = d->attributes;
	e->FileNameLength = n * sizeof(WCHAR);
	if (id) {
		e->ShortNameLength = (CHAR)(2 * strlen(d->short_name));
		wide_widen(d->short_name, e->ShortName, 12);
		memcpy(e->FileName, name, n * sizeof(WCHAR));
	} else {
		memcpy(((FILE_FULL_DIR_INFO *)out)->FileName, name, n * sizeof(WCHAR));
	}
}

/* The bytes per cluster of hFile's volume (for AllocationSize); 4096 when
 * they cannot be had. */
static DWORD cluster_bytes(HANDLE hFile)
{
	char path[MAX_PATH + 32];
	DWORD per_cluster, per_sector, free_clusters, clusters;

	if (!file_path(hFile, FALSE, path))
		return 4096;
	path[3] = '\0';        /* "X:\" */
	if (!GetDiskFreeSpaceA(path, &per_cluster, &per_sector, &free_clusters, &clusters))
		return 4096;
	return per_cluster * per_sector;
}

/* The directory classes: as many of the next entries as out[size] holds,
 * the first after a restart for the Restart classes (and on a handle's
 * first listing). ERROR_NO_MORE_FILES when none is left, ERROR_MORE_DATA
 * when the next one does not fit (it stays the next). */
static BOOL list_directory(HANDLE hFile, unsigned int c, BYTE *out, DWORD size)
{
	BOOL id = c == FileIdBothDirectoryInfo || c == FileIdBothDirectoryRestartInfo;
	DWORD head = id ? offsetof(FILE_ID_BOTH_DIR_INFO, FileName)
			: offsetof(FILE_FULL_DIR_INFO, FileName);
	DWORD cluster = cluster_bytes(hFile), at = 0, last = 0, n, need;
	uint32_t flags = c == FileIdBothDirectoryRestartInfo || c == FileFullDirectoryRestartInfo
				 ? VADOS_LIST_RESTART : 0;
	struct vados_find_data d;
	uint32_t args[3] = { (uint32_t)hFile, 0, (uint32_t)&d };
	WCHAR name[MAX_PATH];
	BOOL any = FALSE;

	for (;; flags = 0) {
		args[1] = flags | VADOS_LIST_PEEK;
		if (!win32_call(SYS_QUERY_DIRECTORY, args, NULL))
			return any && GetLastError() == ERROR_NO_MORE_FILES;
		wide_widen(d.name, name, MAX_PATH);
		n = lstrlenW(name);
		need = head + n * sizeof(WCHAR);
		if (at + need > size) {
			if (!any)
				SetLastError(ERROR_MORE_DATA);
			return any;
		}
		args[1] = flags;
		if (!win32_call(SYS_QUERY_DIRECTORY, args, NULL))
			return any;
		list_entry(out + at, &d, name, n, id, cluster);
		if (any)
			((FILE_FULL_DIR_INFO *)(out + last))->NextEntryOffset = at - last;
		any = TRUE;
		last = at;
		at = (at + need + 7) & ~7u;
	}
}

/* The classes GetFileInformationByHandleEx answers, with their structures'
 * sizes (a smaller buffer: ERROR_BAD_LENGTH). */
static const DWORD query_size[MaximumFileInfoByHandleClass] = {
	[FileFullDirectoryInfo] = sizeof(FILE_FULL_DIR_INFO),
	[FileFullDirectoryRestartInfo] = sizeof(FILE_FULL_DIR_INFO),
	[FileIdBothDirectoryInfo] = sizeof(FILE_ID_BOTH_DIR_INFO),
	[FileIdBothDirectoryRestartInfo] = sizeof(FILE_ID_BOTH_DIR_INFO),
	[FileBasicInfo] = sizeof(FILE_BASIC_INFO),
	[FileStandardInfo] = sizeof(FILE_STANDARD_INFO),
	[FileNameInfo] = sizeof(FILE_NAME_INFO),
	[FileAttributeTagInfo] = sizeof(FILE_ATTRIBUTE_TAG_INFO),
	[FileIdInfo] = sizeof(FILE_ID_INFO),
};

/* FileBasicInfo (no ChangeTime on FAT: 0), FileStandardInfo,
 * FileNameInfo, FileAttributeTagInfo, FileIdInfo and the directory
 * listings (list_directory; FileIndex, EaSize and FileId 0); any other
 * class ERROR_INVALID_PARAMETER, as Windows' FAT gives. */
BOOL WINAPI GetFileInformationByHandleEx(HANDLE hFile,
					 FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
					 LPVOID lpFileInformation, DWORD dwBufferSize)
{
	struct vados_file_info i;
	unsigned int c = FileInformationClass;
	BOOL attributes = c == FileBasicInfo || c == FileAttributeTagInfo;

	if (c >= MaximumFileInfoByHandleClass || !query_size[c]) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (dwBufferSize < query_size[c]) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	if (IsBadWritePtr(lpFileInformation, dwBufferSize)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	if (c == FileNameInfo)
		return name_info(hFile, lpFileInformation, dwBufferSize);
	if (c == FileFullDirectoryInfo || c == FileFullDirectoryRestartInfo ||
	    c == FileIdBothDirectoryInfo || c == FileIdBothDirectoryRestartInfo)
		return list_directory(hFile, c, lpFileInformation, dwBufferSize);
	if (!query(hFile, &i, attributes))
		return FALSE;
	if (c == FileBasicInfo) {
		FILE_BASIC_INFO *b = lpFileInformation;

		b->CreationTime = large(i.created);
		b->LastAccessTime = large(i.accessed);
		b->LastWriteTime = large(i.written);
		b->ChangeTime.QuadPart = 0;
		b->FileAttributes = i.attributes;
	} else if (c == FileStandardInfo) {
		FILE_STANDARD_INFO *s = lpFileInformation;

		s->AllocationSize.QuadPart = (LONGLONG)i.allocation_high << 32 | i.allocation_low;
		s->EndOfFile.QuadPart = (LONGLONG)i.size_high << 32 | i.size_low;
		s->NumberOfLinks = i.links;
		s->DeletePending = i.delete_pending != 0;
		s->Directory = i.directory != 0;
	} else if (c == FileAttributeTagInfo) {
		*(FILE_ATTRIBUTE_TAG_INFO *)lpFileInformation = (FILE_ATTRIBUTE_TAG_INFO){
			i.attributes, 0 };
	} else {
		FILE_ID_INFO *id = lpFileInformation;
		ULONGLONG index = (ULONGLONG)i.index_high << 32 | i.index_low;

		memset(id, 0, sizeof(*id));
		id->VolumeSerialNumber = i.serial;
		memcpy(id->FileId.Identifier, &index, sizeof(index));
	}
	return TRUE;
}

/* FileBasicInfo (FILE_WRITE_ATTRIBUTES), FileEndOfFileInfo and
 * FileAllocationInfo (FILE_WRITE_DATA), FileDispositionInfo and
 * FileRenameInfo (DELETE); the kernel checks the class, size, buffer and
 * right in NT's order. */
BOOL WINAPI SetFileInformationByHandle(HANDLE hFile,
				       FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
				       LPVOID lpFileInformation, DWORD dwBufferSize)
{
	uint32_t args[4] = { (uint32_t)hFile, FileInformationClass, (uint32_t)lpFileInformation,
			     dwBufferSize };

	return win32_call(SYS_SET_FILE_INFO, args, NULL);
}

/* GetFinalPathNameByHandle's path in out[MAX_PATH + 40]: "\\?\C:\DIR\NAME"
 * (VOLUME_NAME_DOS), "\DIR\NAME" (VOLUME_NAME_NONE) or the NT device path;
 * FILE_NAME_OPENED gives the same (Windows' FAT names an open file as its
 * entries spell it). Its length, or 0 with the error: bad flags
 * ERROR_INVALID_PARAMETER, VOLUME_NAME_GUID ERROR_PATH_NOT_FOUND (vados's
 * volumes have no GUID names). */
static DWORD final_path(HANDLE hFile, DWORD flags, char *out)
{
	DWORD volume = flags & ~FILE_NAME_OPENED, n;

	if (flags & ~(FILE_NAME_OPENED | VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE) ||
	    (volume & (volume - 1))) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (volume == VOLUME_NAME_GUID) {
		SetLastError(ERROR_PATH_NOT_FOUND);
		return 0;
	}
	if (volume == VOLUME_NAME_NT)
		return file_path(hFile, TRUE, out);
	if (!(n = file_path(hFile, FALSE, out + 4)))
		return 0;
	if (volume == VOLUME_NAME_NONE) {
		memmove(out, out + 6, n - 1);   /* without "C:" */
		return n - 2;
	}
	memcpy(out, "\\\\?\\", 4);
	return n + 4;
}

/* GetFinalPathNameByHandleA and W: the path into buf of cch characters
 * (UTF-16 when wide); the length written without the terminator, the size
 * needed with it when cch is too small, 0 with the error. */
static DWORD final_path_out(HANDLE hFile, void *buf, DWORD cch, DWORD flags, BOOL wide)
{
	char path[MAX_PATH + 40];
	DWORD n = final_path(hFile, flags, path);

	if (!n)
		return 0;
	if (cch <= n)
		return n + 1;
	if (wide)
		wide_widen(path, buf, n + 1);
	else
		memcpy(buf, path, n + 1);
	return n;
}

DWORD WINAPI GetFinalPathNameByHandleA(HANDLE hFile, LPSTR lpszFilePath, DWORD cchFilePath,
				       DWORD dwFlags)
{
	return final_path_out(hFile, lpszFilePath, cchFilePath, dwFlags, FALSE);
}

DWORD WINAPI GetFinalPathNameByHandleW(HANDLE hFile, LPWSTR lpszFilePath, DWORD cchFilePath,
				       DWORD dwFlags)
{
	return final_path_out(hFile, lpszFilePath, cchFilePath, dwFlags, TRUE);
}

/* The root GetVolumeInformation names, "X:\" (into root[4]): NULL or ""
 * is the current directory's drive; "\\?\" and "\\.\" may precede it; a
 * path that resolves (GetFullPathNameA) to anything but a drive's root is
 * ERROR_DIR_NOT_ROOT when it ends in a separator, else ERROR_INVALID_NAME
 * ("C:" names the current directory of C:, a root or not). */
static BOOL volume_root(LPCSTR name, char root[4])
{
	char full[MAX_PATH];
	size_t len;
	DWORD n;

	if (!name || !*name) {
		if (!GetCurrentDirectoryA(sizeof(full), full))
			return FALSE;
		memcpy(root, full, 3);
		root[3] = '\0';
		return TRUE;
	}
	if ((!strncmp(name, "\\\\?\\", 4) || !strncmp(name, "\\\\.\\", 4)) && name[4] &&
	    name[5] == ':')
		name += 4;
	if (!(n = GetFullPathNameA(name, sizeof(full), full, NULL)) || n >= sizeof(full))
		return FALSE;
	len = strlen(name);
	if (n != 3 || full[1] != ':' || full[2] != '\\') {
		SetLastError(name[len - 1] == '\\' || name[len - 1] == '/' ? ERROR_DIR_NOT_ROOT
									  : ERROR_INVALID_NAME);
		return FALSE;
	}
	memcpy(root, full, 4);
	return TRUE;
}

/* Copies s into a buffer of size characters (NULL: not wanted), UTF-16 when
 * wide; FALSE with ERROR_MORE_DATA when s and its NUL do not fit. */
static BOOL string_out(const char *s, void *buf, DWORD size, BOOL wide)
{
	DWORD n = (DWORD)strlen(s);

	if (!buf)
		return TRUE;
	if (size <= n) {
		SetLastError(ERROR_MORE_DATA);
		return FALSE;
	}
	if (wide)
		wide_widen(s, buf, n + 1);
	else
		memcpy(buf, s, n + 1);
	return TRUE;
}

/* GetVolumeInformation's work for the volume of root (or, root NULL, of
 * hFile's file): each output may be NULL. */
static BOOL volume_info(LPCSTR root, HANDLE hFile, void *label, DWORD label_size,
			LPDWORD serial, LPDWORD max_component, LPDWORD flags, void *fs_name,
			DWORD fs_size, BOOL wide)
{
	struct vados_volume_info v;
	uint32_t args[3] = { (uint32_t)root, (uint32_t)hFile, (uint32_t)&v };

	if (!win32_call(SYS_QUERY_VOLUME, args, NULL))
		return FALSE;
	if (serial)
		*serial = v.serial;
	if (!string_out(v.label, label, label_size, wide))
		return FALSE;
	if (max_component)
		*max_component = FAT32_MAX_COMPONENT;
	if (flags)
		*flags = FAT32_FLAGS;
	return string_out(FAT32_NAME, fs_name, fs_size, wide);
}

BOOL WINAPI GetVolumeInformationA(LPCSTR lpRootPathName, LPSTR lpVolumeNameBuffer,
				  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
				  LPDWORD lpMaximumComponentLength, LPDWORD lpFileSystemFlags,
				  LPSTR lpFileSystemNameBuffer, DWORD nFileSystemNameSize)
{
	char root[4];

	return volume_root(lpRootPathName, root) &&
	       volume_info(root, NULL, lpVolumeNameBuffer, nVolumeNameSize, lpVolumeSerialNumber,
			   lpMaximumComponentLength, lpFileSystemFlags, lpFileSystemNameBuffer,
			   nFileSystemNameSize, FALSE);
}

BOOL WINAPI GetVolumeInformationW(LPCWSTR lpRootPathName, LPWSTR lpVolumeNameBuffer,
				  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
				  LPDWORD lpMaximumComponentLength, LPDWORD lpFileSystemFlags,
				  LPWSTR lpFileSystemNameBuffer, DWORD nFileSystemNameSize)
{
	char root[4];

	return WIDE_CALL(lpRootPathName, FALSE,
			 volume_root(a, root) &&
			 volume_info(root, NULL, lpVolumeNameBuffer, nVolumeNameSize,
				     lpVolumeSerialNumber, lpMaximumComponentLength,
				     lpFileSystemFlags, lpFileSystemNameBuffer,
				     nFileSystemNameSize, TRUE));
}

BOOL WINAPI GetVolumeInformationByHandleW(HANDLE hFile, LPWSTR lpVolumeNameBuffer,
					  DWORD nVolumeNameSize, LPDWORD lpVolumeSerialNumber,
					  LPDWORD lpMaximumComponentLength,
					  LPDWORD lpFileSystemFlags, LPWSTR lpFileSystemNameBuffer,
					  DWORD nFileSystemNameSize)
{
	return volume_info(NULL, hFile, lpVolumeNameBuffer, nVolumeNameSize,
			   lpVolumeSerialNumber, lpMaximumComponentLength, lpFileSystemFlags,
			   lpFileSystemNameBuffer, nFileSystemNameSize, TRUE);
}
