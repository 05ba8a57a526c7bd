/* The C runtime's name calls as Microsoft documents them: _mkdir/_rmdir/
 * _chdir/_getcwd/_wgetcwd/_fullpath and their errno (EEXIST, ENOENT,
 * ENOTEMPTY, ERANGE, EINVAL through the handler), _access/_chmod/_unlink
 * on read-only files and directories, _stat's st_mode bits (0100666,
 * 0100444, 0100777 for .exe, 040777), sizes, drive and times, _utime,
 * _findfirst/_findnext/_findclose, _splitpath/_makepath, the wide forms. */
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
#include <time.h>
#include <wchar.h>

#define TEST_NAME "crt-files"
#include "check.h"
#include "crt-common.h"

#define D "C:\\crtdir"

static void touch(const char *name, const char *text)
{
	int fd = _open(name, _O_CREAT | _O_TRUNC | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);

	_write(fd, text, (unsigned)strlen(text));
	_close(fd);
}

static void directories(void)
{
	char cwd[MAX_PATH], small[4], *p;
	wchar_t wcwd[MAX_PATH];

	CHECK(_mkdir(D) == 0, "_mkdir");
	FAILS_ERRNO(_mkdir(D), -1, EEXIST, 0);
	FAILS_ERRNO(_mkdir("C:\\no-such\\sub"), -1, ENOENT, 0);
	FAILS_ERRNO(_mkdir(NULL), -1, EINVAL, 1);
	CHECK(_chdir(D) == 0, "_chdir");
	FAILS_ERRNO(_chdir("C:\\no-such"), -1, ENOENT, 0);
	CHECK(_getcwd(cwd, sizeof(cwd)) == cwd && strcmp(cwd, D) == 0, "_getcwd: %s", cwd);
	CHECK(_getdrive() == 3, "C: is drive 3: %d", _getdrive());
	FAILS_ERRNO(_getcwd(small, sizeof(small)), NULL, ERANGE, 0);
	FAILS_ERRNO(_getcwd(small, 0), NULL, EINVAL, 1);
	p = _getcwd(NULL, 0);
	CHECK(p && strcmp(p, D) == 0, "_getcwd(NULL) allocates");
	free(p);
	CHECK(_wgetcwd(wcwd, MAX_PATH) == wcwd && wcscmp(wcwd, L"C:\\crtdir") == 0, "_wgetcwd");
	p = _fullpath(NULL, "sub\\..\\f.txt", 0);
	CHECK(p && strcmp(p, D "\\f.txt") == 0, "_fullpath: %s", p ? p : "NULL");
	free(p);
	FAILS_ERRNO(_fullpath(small, "f.txt", sizeof(small)), NULL, ERANGE, 0);
	CHECK(_fullpath(cwd, NULL, sizeof(cwd)) == cwd && strcmp(cwd, D) == 0, "_fullpath(NULL)");
	touch("inside.txt", "x");
	CHECK(_chdir("C:\\") == 0, "back to the root");
	FAILS_ERRNO(_rmdir(D), -1, ENOTEMPTY, 0);
	FAILS_ERRNO(_rmdir("C:\\no-such"), -1, ENOENT, 0);
}

static void access_chmod_unlink(void)
{
	int fd;

	touch(D "\\ro.txt", "read only");
	CHECK(_access(D "\\ro.txt", 6) == 0 && _access(D, 6) == 0, "_access");
	FAILS_ERRNO(_access(D "\\none", 0), -1, ENOENT, 0);
	FAILS_ERRNO(_access(D "\\ro.txt", 1), -1, EINVAL, 1);
	FAILS_ERRNO(_access(NULL, 0), -1, EINVAL, 1);
	CHECK(_chmod(D "\\ro.txt", _S_IREAD) == 0, "_chmod read-only");
	FAILS_ERRNO(_access(D "\\ro.txt", 2), -1, EACCES, 0);
	CHECK(_access_s(D "\\ro.txt", 4) == 0 && _access_s(D "\\ro.txt", 2) == EACCES, "_access_s");
	FAILS_ERRNO(_open(D "\\ro.txt", _O_WRONLY), -1, EACCES, 0);
	FAILS_ERRNO(_unlink(D "\\ro.txt"), -1, EACCES, 0);
	FAILS_ERRNO(_chmod(D "\\none", _S_IWRITE), -1, ENOENT, 0);
	FAILS_ERRNO(_unlink(D "\\none"), -1, ENOENT, 0);
	FAILS_ERRNO(_unlink(D), -1, EACCES, 0);
	fd = _open(D "\\ro.txt", _O_RDONLY);
	FAILS_ERRNO(_unlink(D "\\ro.txt"), -1, EACCES, 0);      /* open */
	_close(fd);
	CHECK(_waccess(L"C:\\crtdir\\ro.txt", 0) == 0, "_waccess");
	CHECK(_wchmod(L"C:\\crtdir\\ro.txt", _S_IWRITE) == 0 && _unlink(D "\\ro.txt") == 0,
	      "made writable and deleted");
}

static void stats(void)
{
	struct _stat st;
	struct _stat64 st64;
	struct stat pst;
	struct _utimbuf when = { 1000000000, 1200000000 };      /* 2001, 2008: even seconds */
	time_t now = time(NULL);
	int fd;

	touch(D "\\s.txt", "twelve bytes");
	CHECK(_stat(D "\\s.txt", &st) == 0 && st.st_mode == (_S_IFREG | 0666) &&
	      st.st_size == 12 && st.st_nlink == 1 && st.st_dev == 2 && st.st_rdev == 2,
	      "a file: 0%o %ld dev %u", st.st_mode, (long)st.st_size, st.st_dev);
	CHECK(st.st_mtime >= now - 5 && st.st_mtime <= now + 5, "st_mtime %lld, now %lld",
	      (long long)st.st_mtime, (long long)now);
	CHECK(_stat(D, &st) == 0 && st.st_mode == (_S_IFDIR | 0777), "a directory: 0%o",
	      st.st_mode);
	CHECK(_stat("C:\\", &st) == 0 && st.st_mode == (_S_IFDIR | 0777) && st.st_dev == 2,
	      "the root: 0%o", st.st_mode);
	touch(D "\\prog.exe", "");
	CHECK(_stat(D "\\prog.exe", &st) == 0 && st.st_mode == (_S_IFREG | 0777), ".exe: 0%o",
	      st.st_mode);
	_chmod(D "\\s.txt", _S_IREAD);
	CHECK(_stat64(D "\\s.txt", &st64) == 0 && st64.st_mode == (_S_IFREG | 0444) &&
	      st64.st_size == 12, "read-only: 0%o", st64.st_mode);
	_chmod(D "\\s.txt", _S_IWRITE);
	CHECK(stat(D "\\s.txt", &pst) == 0 && pst.st_size == 12, "POSIX stat");
	CHECK(_wstat(L"C:\\crtdir\\s.txt", &st) == 0 && st.st_size == 12, "_wstat");
	FAILS_ERRNO(_stat(D "\\none", &st), -1, ENOENT, 0);
	FAILS_ERRNO(_stat(D "\\*.txt", &st), -1, ENOENT, 0);
	FAILS_ERRNO(_stat(NULL, &st), -1, EINVAL, 1);
	FAILS_ERRNO(_stat(D, NULL), -1, EINVAL, 1);

	CHECK(_utime(D "\\s.txt", &when) == 0, "_utime");
	CHECK(_stat(D "\\s.txt", &st) == 0 && st.st_mtime == 1200000000, "st_mtime %lld",
	      (long long)st.st_mtime);
	FAILS_ERRNO(_utime(D "\\none", &when), -1, ENOENT, 0);
	fd = _open(D "\\s.txt", _O_RDWR);
	CHECK(_futime(fd, NULL) == 0 && _fstat(fd, &st) == 0 && st.st_mtime >= now - 5,
	      "_futime(NULL) is now: %lld", (long long)st.st_mtime);
	_close(fd);
}

static void finding(void)
{
	struct _finddata_t fd;
	intptr_t h;
	int files = 0, dirs = 0, sized = 0;

	_mkdir(D "\\subdir");
	h = _findfirst(D "\\*", &fd);
	CHECK(h != -1, "_findfirst: %d", errno);
	if (h == -1)
		return;
	do {
		if (fd.attrib & _A_SUBDIR)
			dirs++;
		else
			files++;
		if (strcmp(fd.name, "s.txt") == 0)     /* _futime made it now */
			sized = fd.size == 12 && fd.time_write >= time(NULL) - 5 &&
				fd.attrib == _A_ARCH;
	} while (_findnext(h, &fd) == 0);
	CHECK(errno == ENOENT, "_findnext ends with ENOENT: %d", errno);
	CHECK(files == 3 && dirs >= 1 && sized, "%d files, %d directories, s.txt %d", files, dirs,
	      sized);
	CHECK(_findclose(h) == 0, "_findclose");
	FAILS_ERRNO(_findnext(h, &fd), -1, EINVAL, 0);          /* closed */
	FAILS_ERRNO(_findclose(h), -1, EINVAL, 0);
	FAILS_ERRNO(_findfirst(D "\\*.none", &fd), (intptr_t)-1, ENOENT, 0);
	FAILS_ERRNO(_findfirst(NULL, &fd), (intptr_t)-1, EINVAL, 1);
	_rmdir(D "\\subdir");
}

static void split_and_make(void)
{
	char path[_MAX_PATH], drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT];

	_makepath(path, "c", "\\sample\\crt\\", "crt_makepath", "c");
	CHECK(strcmp(path, "c:\\sample\\crt\\crt_makepath.c") == 0, "%s", path);
	_splitpath(path, drive, dir, fname, ext);
	CHECK(strcmp(drive, "c:") == 0 && strcmp(dir, "\\sample\\crt\\") == 0 &&
	      strcmp(fname, "crt_makepath") == 0 && strcmp(ext, ".c") == 0,
	      "%s|%s|%s|%s", drive, dir, fname, ext);
	_makepath(path, NULL, "dir", "name", ".tar.gz");
	CHECK(strcmp(path, "dir\\name.tar.gz") == 0, "%s", path);
	_splitpath("a.b/c.d.e", drive, dir, fname, NULL);
	CHECK(!drive[0] && strcmp(dir, "a.b/") == 0 && strcmp(fname, "c.d") == 0, "%s|%s", dir,
	      fname);
	_splitpath("noext", NULL, NULL, fname, ext);
	CHECK(strcmp(fname, "noext") == 0 && !ext[0], "%s|%s", fname, ext);
}

static void wide_and_cleanup(void)
{
	int fd = _wopen(L"C:\\crtdir\\w.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);

	CHECK(fd >= 0 && _close(fd) == 0, "_wopen");
	CHECK(_wunlink(L"C:\\crtdir\\w.txt") == 0, "_wunlink");
	_unlink(D "\\s.txt");
	_unlink(D "\\prog.exe");
	_unlink(D "\\inside.txt");
	CHECK(_wmkdir(L"C:\\crtdir\\w") == 0 && _wrmdir(L"C:\\crtdir\\w") == 0, "_wmkdir, _wrmdir");
	CHECK(_rmdir(D) == 0, "_rmdir");
}

int main(void)
{
	_set_invalid_parameter_handler(count_handler);
	directories();
	access_chmod_unlink();
	stats();
	finding();
	split_and_make();
	wide_and_cleanup();
	printf("crt-files: %d failures\n", failures);
	return failures != 0;
}
