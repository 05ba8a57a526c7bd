/* Microsoft's secure and wide name calls: _splitpath_s/_makepath_s (and
 * _wsplitpath(_s), _wmakepath(_s)) with their EINVAL and ERANGE through the
 * invalid-parameter handler, _getdcwd/_wgetdcwd (a missing drive: EACCES),
 * RemoveDirectory of a process's current directory (ERROR_SHARING_VIOLATION),
 * the _wfindfirst family (EOVERFLOW in the 32-bit time forms, as the
 * narrow _findfirst32 and _stat32 give) and _wfreopen. */
#include <windows.h>
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utime.h>
#include <wchar.h>

#define TEST_NAME "crt-paths"
#include "check.h"
#include "crt-common.h"
#include "ob-common.h"

static void split_secure(void)
{
	char drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT], small[4];
	wchar_t wdrive[_MAX_DRIVE], wdir[_MAX_DIR], wfname[_MAX_FNAME], wext[_MAX_EXT];
	int h0 = handled;

	CHECK(_splitpath_s("C:\\dir\\sub/name.tar.gz", drive, sizeof(drive), dir, sizeof(dir),
			   fname, sizeof(fname), ext, sizeof(ext)) == 0 &&
	      strcmp(drive, "C:") == 0 && strcmp(dir, "\\dir\\sub/") == 0 &&
	      strcmp(fname, "name.tar") == 0 && strcmp(ext, ".gz") == 0,
	      "%s|%s|%s|%s", drive, dir, fname, ext);
	CHECK(_splitpath_s("name", NULL, 0, NULL, 0, fname, sizeof(fname), NULL, 0) == 0 &&
	      strcmp(fname, "name") == 0 && handled == h0, "NULL parts with size 0: %s", fname);
	FAILS_ERRNO(_splitpath_s(NULL, drive, 3, dir, 9, fname, 9, ext, 9), EINVAL, EINVAL, 1);
	FAILS_ERRNO(_splitpath_s("a", NULL, 3, dir, 9, fname, 9, ext, 9), EINVAL, EINVAL, 1);
	FAILS_ERRNO(_splitpath_s("a", drive, 0, dir, 9, fname, 9, ext, 9), EINVAL, EINVAL, 1);
	strcpy(dir, "old");
	FAILS_ERRNO(_splitpath_s("C:\\d\\longname.c", drive, 3, dir, 9, small, sizeof(small),
				 ext, 9), ERANGE, ERANGE, 1);
	CHECK(!drive[0] && !dir[0] && !small[0] && !ext[0], "every buffer emptied: %s|%s", drive,
	      dir);

	_wsplitpath(L"D:\\w\\x.y", wdrive, wdir, wfname, wext);
	CHECK(wcscmp(wdrive, L"D:") == 0 && wcscmp(wdir, L"\\w\\") == 0 &&
	      wcscmp(wfname, L"x") == 0 && wcscmp(wext, L".y") == 0, "_wsplitpath");
	CHECK(_wsplitpath_s(L"\x3b1\x3b2.txt", NULL, 0, wdir, _MAX_DIR, wfname, _MAX_FNAME, wext,
			    _MAX_EXT) == 0 && !wdir[0] && wcscmp(wfname, L"\x3b1\x3b2") == 0 &&
	      wcscmp(wext, L".txt") == 0, "_wsplitpath_s keeps characters beyond CP437");
	FAILS_ERRNO(_wsplitpath_s(L"abcdef", NULL, 0, NULL, 0, wfname, 3, NULL, 0), ERANGE,
		    ERANGE, 1);
}

static void make_secure(void)
{
	char path[16];
	wchar_t wpath[16];

	CHECK(_makepath_s(path, sizeof(path), "c", "d", "n", "e") == 0 &&
	      strcmp(path, "c:d\\n.e") == 0, "%s", path);
	CHECK(_makepath_s(path, 8, NULL, "d/", "n", NULL) == 0 && strcmp(path, "d/n") == 0, "%s",
	      path);
	CHECK(_makepath_s(path, 8, NULL, NULL, "1234567", NULL) == 0, "7 characters and a NUL fit");
	FAILS_ERRNO(_makepath_s(path, 8, NULL, NULL, "12345678", NULL), ERANGE, ERANGE, 1);
	CHECK(!path[0], "emptied: %s", path);
	FAILS_ERRNO(_makepath_s(NULL, 8, "c", NULL, NULL, NULL), EINVAL, EINVAL, 1);
	FAILS_ERRNO(_makepath_s(path, 0, "c", NULL, NULL, NULL), EINVAL, EINVAL, 1);
	_wmakepath(wpath, L"c", L"\\d", L"\x3b1", L"x");
	CHECK(wcscmp(wpath, L"c:\\d\\\x3b1.x") == 0, "_wmakepath");
	CHECK(_wmakepath_s(wpath, 16, NULL, L"d\\", L"n", L".e") == 0 &&
	      wcscmp(wpath, L"d\\n.e") == 0, "_wmakepath_s");
	FAILS_ERRNO(_wmakepath_s(wpath, 4, NULL, L"d\\", L"n", L".e"), ERANGE, ERANGE, 1);
}

static void drive_directories(void)
{
	char buf[MAX_PATH], *p;
	wchar_t wbuf[MAX_PATH], *w;

	_mkdir("C:\\crtpaths");
	CHECK(_chdir("C:\\crtpaths") == 0, "_chdir");
	CHECK(_getdcwd(3, buf, sizeof(buf)) == buf && strcmp(buf, "C:\\crtpaths") == 0, "%s", buf);
	CHECK(_getdcwd(0, buf, sizeof(buf)) == buf && strcmp(buf, "C:\\crtpaths") == 0, "%s", buf);
	p = _getdcwd(3, NULL, 0);
	CHECK(p && strcmp(p, "C:\\crtpaths") == 0, "malloc'd");
	free(p);
	errno = 0;
	CHECK(_getdcwd(3, buf, 5) == NULL && errno == ERANGE, "ERANGE: %d", errno);
	FAILS_ERRNO(_getdcwd(25, buf, sizeof(buf)), NULL, EACCES, 1);
	FAILS_ERRNO(_getdcwd(3, buf, 0), NULL, EINVAL, 1);
	w = _wgetdcwd(3, wbuf, MAX_PATH);
	CHECK(w == wbuf && wcscmp(wbuf, L"C:\\crtpaths") == 0, "_wgetdcwd");
	FAILS_ERRNO(_wgetdcwd(25, wbuf, MAX_PATH), NULL, EACCES, 1);
	SetLastError(0);
	CHECK(!RemoveDirectoryA("C:\\crtpaths\\") && GetLastError() == ERROR_SHARING_VIOLATION,
	      "the current directory is held open: %lu", GetLastError());
	FAILS_ERRNO(_rmdir("C:\\CRTPATHS"), -1, EACCES, 0);
	_chdir("C:\\");
}

/* Another process's current directory is held as well, while it lives. */
static void held_by_child(const char *self)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;

	_mkdir("C:\\crtpaths\\held");
	if (!CreateProcessA(self, NULL, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL,
			    "C:\\crtpaths\\held", &si, &pi)) {
		CHECK(0, "CreateProcessA: %lu", GetLastError());
		return;
	}
	SetLastError(0);
	CHECK(!RemoveDirectoryA("C:\\crtpaths\\held") &&
	      GetLastError() == ERROR_SHARING_VIOLATION, "the child's: %lu", GetLastError());
	CloseHandle(pi.hThread);
	ob_reap(pi.hProcess, TRUE);
	CHECK(RemoveDirectoryA("C:\\crtpaths\\held"), "free once it ended: %lu", GetLastError());
}

/* 2040-01-01: beyond a 32-bit time_t, within FAT's dates. */
#define LATE 2208988800LL

static void wide_finds(void)
{
	struct _wfinddata_t fd;
	struct _wfinddatai64_t fd64;
	struct _wfinddata32_t fd32;
	struct _finddata32_t nfd32;
	struct _stat32 st32;
	struct _utimbuf late = { LATE, LATE };
	int n = 0;
	intptr_t h;

	_close(_open("C:\\crtpaths\\late.bin", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	CHECK(_utime("C:\\crtpaths\\late.bin", &late) == 0, "_utime to 2040: %d", errno);
	_close(_open("C:\\crtpaths\\small.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	h = _wfindfirst(L"C:\\crtpaths\\*.txt", &fd);
	CHECK(h != -1 && wcscmp(fd.name, L"small.txt") == 0 && fd.size == 0 &&
	      (fd.attrib & _A_ARCH), "_wfindfirst");
	FAILS_ERRNO(_wfindnext(h, &fd), -1, ENOENT, 0);
	_findclose(h);
	h = _wfindfirsti64(L"C:\\crtpaths\\late.*", &fd64);
	CHECK(h != -1 && fd64.time_write == LATE && wcscmp(fd64.name, L"late.bin") == 0,
	      "_wfindfirsti64 sees the 64-bit time");
	_findclose(h);
	FAILS_ERRNO(_wfindfirst32(L"C:\\crtpaths\\late.bin", &fd32), (intptr_t)-1, EOVERFLOW, 0);
	FAILS_ERRNO(_findfirst32("C:\\crtpaths\\late.bin", &nfd32), (intptr_t)-1, EOVERFLOW, 0);
	FAILS_ERRNO(_stat32("C:\\crtpaths\\late.bin", &st32), -1, EOVERFLOW, 0);
	FAILS_ERRNO(_wfindfirst(L"C:\\crtpaths\\*.none", &fd), (intptr_t)-1, ENOENT, 0);
	FAILS_ERRNO(_wfindfirst(NULL, &fd), (intptr_t)-1, EINVAL, 1);
	h = _wfindfirst(L"C:\\crtpaths\\*", &fd);
	while (h != -1 && (n++, _wfindnext(h, &fd) == 0))
		;
	CHECK(n == 4, "., .., late.bin, small.txt: %d", n);
	_findclose(h);
	_unlink("C:\\crtpaths\\late.bin");
}

static void wide_reopen(void)
{
	FILE *f = fopen("C:\\crtpaths\\a.txt", "w"), *g;
	char line[16] = "";

	CHECK(f && _wfreopen(L"C:\\crtpaths\\small.txt", L"w", f) == f, "_wfreopen");
	fputs("reopened", f);
	fclose(f);
	g = fopen("C:\\crtpaths\\small.txt", "r");
	CHECK(g && fgets(line, sizeof(line), g) && strcmp(line, "reopened") == 0, "%s", line);
	CHECK(_wfreopen_s(&f, L"C:\\crtpaths\\none\\x", L"r", g) == ENOENT && f == NULL,
	      "_wfreopen_s: ENOENT");
	FAILS_ERRNO(_wfreopen(L"x", L"r", NULL), NULL, EINVAL, 1);
	_unlink("C:\\crtpaths\\a.txt");
	_unlink("C:\\crtpaths\\small.txt");
	CHECK(_rmdir("C:\\crtpaths") == 0, "_rmdir: %d", errno);
}

int main(int argc, char **argv)
{
	(void)argc;
	_set_invalid_parameter_handler(count_handler);
	split_secure();
	make_secure();
	drive_directories();
	held_by_child(argv[0]);
	wide_finds();
	wide_reopen();
	printf("crt-paths: %d failures\n", failures);
	return failures != 0;
}
