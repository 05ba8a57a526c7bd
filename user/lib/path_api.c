/* Paths by their names on the disk (<windows.h>): SearchPathA and
 * SetSearchPathMode, GetShortPathNameA and GetLongPathNameA. They look
 * names up with GetFileAttributesA and FindFirstFileA, as kernel32 does;
 * the 8.3 names are the ones the FAT volume holds (cAlternateFileName). */
#include <windows.h>
#include <string.h>

/* --- SearchPath --- */

/* SetSearchPathMode's state: safe mode searches the current directory
 * after the system and Windows directories; the registry default (0) and
 * vados's is before them. */
static volatile LONG search_safe, search_permanent;

BOOL WINAPI SetSearchPathMode(DWORD Flags)
{
	DWORD mode = Flags & ~BASE_SEARCH_PATH_PERMANENT;

	if ((mode != BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE &&
	     mode != BASE_SEARCH_PATH_DISABLE_SAFE_SEARCHMODE) ||
	    (Flags & BASE_SEARCH_PATH_PERMANENT &&
	     mode != BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (search_permanent) {
		SetLastError(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	search_safe = mode == BASE_SEARCH_PATH_ENABLE_SAFE_SEARCHMODE;
	search_permanent = (Flags & BASE_SEARCH_PATH_PERMANENT) != 0;
	return TRUE;
}

/* Whether name exists in dir (dir NULL: name alone) as a file or
 * directory; the candidate in try[MAX_PATH]. */
static BOOL search_one(const char *dir, size_t dir_len, const char *name, char *try)
{
	size_t n = strlen(name);

	if (dir) {
		if (!dir_len || dir_len + 1 + n >= MAX_PATH)
			return FALSE;
		memcpy(try, dir, dir_len);
		if (try[dir_len - 1] != '\\' && try[dir_len - 1] != '/')
			try[dir_len++] = '\\';
		memcpy(try + dir_len, name, n + 1);
	} else {
		if (n >= MAX_PATH)
			return FALSE;
		memcpy(try, name, n + 1);
	}
	return GetFileAttributesA(try) != INVALID_FILE_ATTRIBUTES;
}

/* Each directory of the ';'-separated list (empty entries skipped). */
static BOOL search_list(const char *list, const char *name, char *try)
{
	while (list && *list) {
		const char *end = strchr(list, ';');
		size_t n = end ? (size_t)(end - list) : strlen(list);

		if (n && search_one(list, n, name, try))
			return TRUE;
		list = end ? end + 1 : NULL;
	}
	return FALSE;
}

/* A directory from call (GetSystemDirectoryA's kind) searched. */
static BOOL search_dir(UINT (WINAPI *call)(LPSTR, UINT), const char *name, char *try)
{
	char dir[MAX_PATH];
	UINT n = call(dir, sizeof(dir));

	return n && n < sizeof(dir) && search_one(dir, n, name, try);
}

static UINT WINAPI current_directory(LPSTR buf, UINT size)
{
	return GetCurrentDirectoryA(size, buf);
}

/* The program's directory; 0 for a boot module (its name has none). */
static UINT WINAPI program_directory(LPSTR buf, UINT size)
{
	DWORD n = GetModuleFileNameA(NULL, buf, size);
	char *slash;

	if (!n || n >= size || !(slash = strrchr(buf, '\\')))
		return 0;
	slash[slash - buf == 2] = '\0';         /* "C:\x" keeps "C:\" */
	return (UINT)strlen(buf);
}

/* The search with lpPath NULL: the program's directory, the current one
 * (unless safe mode puts it after the Windows directory), the system
 * directory, the Windows directory, then PATH. */
static BOOL search_default(const char *name, char *try)
{
	char *path;
	DWORD n;
	BOOL found;

	if (search_dir(program_directory, name, try) ||
	    (!search_safe && search_dir(current_directory, name, try)) ||
	    search_dir(GetSystemDirectoryA, name, try) ||
	    search_dir(GetWindowsDirectoryA, name, try) ||
	    (search_safe && search_dir(current_directory, name, try)))
		return TRUE;
	if (!(n = GetEnvironmentVariableA("PATH", NULL, 0)) ||
	    !(path = HeapAlloc(GetProcessHeap(), 0, n)))
		return FALSE;
	found = GetEnvironmentVariableA("PATH", path, n) < n && search_list(path, name, try);
	HeapFree(GetProcessHeap(), 0, path);
	return found;
}

/* Whether name says where it is: a drive, a root, or "." or ".." first. */
static BOOL search_has_place(const char *name)
{
	if (name[0] && name[1] == ':')
		return TRUE;
	if (name[0] == '\\' || name[0] == '/')
		return TRUE;
	if (name[0] == '.' && (name[1] == '\\' || name[1] == '/'))
		return TRUE;
	return name[0] == '.' && name[1] == '.' && (name[2] == '\\' || name[2] == '/');
}

/* lpExtension is added when the name's last component has no '.'; a name
 * with a drive, a root or a leading "." or ".." is looked for there only.
 * Directories are found as files are. The found file's full path goes to
 * lpBuffer by GetFullPathNameA's rules (the length, or the size needed
 * with the NUL when nBufferLength is short, lpBuffer untouched;
 * *lpFilePart its last component); none: 0 with ERROR_FILE_NOT_FOUND; a
 * NULL or empty name ERROR_INVALID_PARAMETER. */
DWORD WINAPI SearchPathA(LPCSTR lpPath, LPCSTR lpFileName, LPCSTR lpExtension,
			 DWORD nBufferLength, LPSTR lpBuffer, LPSTR *lpFilePart)
{
	char name[MAX_PATH], try[MAX_PATH];
	const char *last;
	size_t n, e = 0;
	BOOL found;

	if (IsBadStringPtrA(lpFileName, MAX_PATH) || (lpExtension &&
						      IsBadStringPtrA(lpExtension, MAX_PATH))) {
		SetLastError(lpFileName ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!*lpFileName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = strlen(lpFileName);
	last = lpFileName + n;
	while (last > lpFileName && last[-1] != '\\' && last[-1] != '/')
		last--;
	if (lpExtension && !strchr(last, '.'))
		e = strlen(lpExtension);
	if (n + e >= MAX_PATH) {
		SetLastError(ERROR_FILENAME_EXCED_RANGE);
		return 0;
	}
	memcpy(name, lpFileName, n);
	memcpy(name + n, lpExtension ? lpExtension : "", e);
	name[n + e] = '\0';
	if (search_has_place(name))
		found = search_one(NULL, 0, name, try);
	else
		found = lpPath ? search_list(lpPath, name, try) : search_default(name, try);
	if (!found) {
		SetLastError(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	return GetFullPathNameA(try, nBufferLength, lpBuffer, lpFilePart);
}

/* --- GetShortPathName, GetLongPathName --- */

/* Whether the component c[0..n) is a valid 8.3 name as typed (base of 1
 * to 8 characters, at most one '.', extension of up to 3, none of the
 * characters short names may not hold): GetShortPathName keeps those. */
static BOOL is_short_name(const char *c, size_t n)
{
	const char *dot = memchr(c, '.', n);
	size_t base = dot ? (size_t)(dot - c) : n;

	if (!base || base > 8 || (dot && (n - base - 1 > 3 || memchr(dot + 1, '.', n - base - 1))))
		return FALSE;
	for (size_t i = 0; i < n; i++)
		if (strchr(" \"*+,/:;<=>?[\\]|", c[i]))
			return FALSE;
	return TRUE;
}

/* in with every component's name looked up (kept as typed: the drive,
 * separators, "." and "..", and for want_short a name already 8.3) and
 * replaced by its short name (want_short: cAlternateFileName, else the
 * long name) or its long name, into out[size]. The protocol of both calls:
 * the length without the NUL, or the size needed with it (out untouched:
 * it may be in); 0 on failure with the path's own error (missing:
 * ERROR_FILE_NOT_FOUND / ERROR_PATH_NOT_FOUND). */
static DWORD path_form(LPCSTR in, LPSTR out, DWORD size, BOOL want_short)
{
	char work[4 * MAX_PATH], prefix[MAX_PATH];
	WIN32_FIND_DATAA fd;
	size_t at = 0, len = 0, n;
	const char *name;
	HANDLE h;

	if (!in || IsBadStringPtrA(in, MAX_PATH)) {
		SetLastError(in ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!*in || (n = strlen(in)) >= MAX_PATH) {
		SetLastError(*in ? ERROR_FILENAME_EXCED_RANGE : want_short ? ERROR_BAD_PATHNAME
								       : ERROR_PATH_NOT_FOUND);
		return 0;
	}
	if (strpbrk(in, "*?")) {
		SetLastError(ERROR_INVALID_NAME);
		return 0;
	}
	if (GetFileAttributesA(in) == INVALID_FILE_ATTRIBUTES)
		return 0;
	if (in[0] && in[1] == ':')
		at = 2;
	memcpy(work, in, at);
	len = at;
	while (in[at]) {
		if (in[at] == '\\' || in[at] == '/') {
			work[len++] = in[at++];
			continue;
		}
		n = strcspn(in + at, "\\/");
		name = NULL;
		if ((n == 1 && in[at] == '.') || (n == 2 && in[at] == '.' && in[at + 1] == '.') ||
		    (want_short && is_short_name(in + at, n))) {
			name = in + at;
		} else {
			memcpy(prefix, in, at + n);
			prefix[at + n] = '\0';
			if ((h = FindFirstFileA(prefix, &fd)) == INVALID_HANDLE_VALUE)
				return 0;
			FindClose(h);
			name = want_short && fd.cAlternateFileName[0] ? fd.cAlternateFileName
								       : fd.cFileName;
		}
		if (len + (name == in + at ? n : strlen(name)) >= sizeof(work)) {
			SetLastError(ERROR_FILENAME_EXCED_RANGE);
			return 0;
		}
		if (name == in + at) {
			memcpy(work + len, name, n);
			len += n;
		} else {
			strcpy(work + len, name);
			len += strlen(name);
		}
		at += n;
	}
	work[len] = '\0';
	if (!out || size <= len)
		return (DWORD)len + 1;
	memcpy(out, work, len + 1);
	return (DWORD)len;
}

DWORD WINAPI GetShortPathNameA(LPCSTR lpszLongPath, LPSTR lpszShortPath, DWORD cchBuffer)
{
	return path_form(lpszLongPath, lpszShortPath, cchBuffer, TRUE);
}

DWORD WINAPI GetLongPathNameA(LPCSTR lpszShortPath, LPSTR lpszLongPath, DWORD cchBuffer)
{
	return path_form(lpszShortPath, lpszLongPath, cchBuffer, FALSE);
}
