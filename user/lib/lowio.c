/* Microsoft's C runtime's file descriptors: a table of up to 8192 Win32
 * handles in blocks of 64 made as needed, 0..2 the standard handles, the
 * lowest free number taken first; _open and its forms, _close, _dup,
 * _dup2, _open_osfhandle, _get_osfhandle, _setmode and _fmode. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "crt_thread.h"
#include "lowio.h"

#define BLOCK_FDS 64
#define MAX_FDS 8192

static struct lowio_fd *blocks[MAX_FDS / BLOCK_FDS];
static volatile LONG table_busy;        /* the table's lock: a short spin */
static int fmode = _O_TEXT;
static int umask_bits;

static void lock_table(void)
{
	while (InterlockedExchange(&table_busy, 1))
		Sleep(0);
}

static void unlock_table(void)
{
	InterlockedExchange(&table_busy, 0);
}

static void fill(struct lowio_fd *e, HANDLE h, int mode, int flags);

/* The entry of fd (0 <= fd < MAX_FDS), its block made if make; NULL when
 * it is not there (or no memory). Fills 0..2 from the standard handles the
 * first time, in text mode: the console is a device, a pipe or file the
 * process started with is not (_isatty says so). Called with the table
 * locked. */
static struct lowio_fd *slot(int fd, BOOL make)
{
	struct lowio_fd **b = &blocks[fd / BLOCK_FDS];

	if (!*b && make && (*b = calloc(BLOCK_FDS, sizeof(**b))) && b == &blocks[0])
		for (int i = 0; i < 3; i++)
			fill(&(*b)[i], GetStdHandle(STD_INPUT_HANDLE - (DWORD)i), _O_TEXT,
			     LOWIO_STD);
	return *b ? &(*b)[fd % BLOCK_FDS] : NULL;
}

struct lowio_fd *lowio_entry(int fd)
{
	struct lowio_fd *e = NULL;

	if (fd >= 0 && fd < MAX_FDS) {
		lock_table();
		e = slot(fd, fd < 3);
		unlock_table();
	}
	if (e && (e->flags & LOWIO_OPEN))
		return e;
	if (fd != -2)
		crt_invalid_parameter();
	errno = EBADF;
	_doserrno = 0;
	return NULL;
}

/* Makes e open on h with a translation mode; flags adds LOWIO_APPEND. A
 * disk file or a pipe is translated in text mode, a device never. */
static void fill(struct lowio_fd *e, HANDLE h, int mode, int flags)
{
	DWORD type = GetFileType(h);

	e->h = h;
	e->mode = mode;
	e->flags = LOWIO_OPEN | flags | (type == FILE_TYPE_PIPE ? LOWIO_PIPE : 0);
	e->lookahead = 0;
	if (type != FILE_TYPE_DISK && type != FILE_TYPE_PIPE)
		e->flags |= LOWIO_DEVICE;
	else if (mode != _O_BINARY)
		e->flags |= LOWIO_TEXT;
}

/* The lowest free descriptor (or only fd `only` when >= 0), held open with
 * no handle yet; -1 with errno EMFILE (or ENOMEM). */
static int take(int only)
{
	struct lowio_fd *e;
	int last = only >= 0 ? only : MAX_FDS - 1;

	lock_table();
	for (int fd = only >= 0 ? only : 0; fd <= last; fd++) {
		e = slot(fd, TRUE);
		if (!e) {
			unlock_table();
			errno = ENOMEM;
			return -1;
		}
		if (!(e->flags & LOWIO_OPEN)) {
			e->flags = LOWIO_OPEN;
			e->h = INVALID_HANDLE_VALUE;
			unlock_table();
			return fd;
		}
	}
	unlock_table();
	errno = EMFILE;
	_doserrno = 0;
	return -1;
}

static void give_back(struct lowio_fd *e)
{
	lock_table();
	e->flags = 0;
	e->h = INVALID_HANDLE_VALUE;
	unlock_table();
}

int lowio_fmode(void)
{
	return fmode;
}

/* CreateFileA's sharing for a shflag (and the access asked), or -1. */
static int share_of(int shflag, DWORD access)
{
	switch (shflag) {
	case _SH_DENYRW: return 0;
	case _SH_DENYWR: return FILE_SHARE_READ;
	case _SH_DENYRD: return FILE_SHARE_WRITE;
	case _SH_DENYNO: return FILE_SHARE_READ | FILE_SHARE_WRITE;
	case _SH_SECURE: return access == GENERIC_READ ? FILE_SHARE_READ : 0;
	default: return -1;
	}
}

/* CreateFileA's disposition for oflag's _O_CREAT, _O_EXCL and _O_TRUNC. */
static DWORD disposition_of(int oflag)
{
	switch (oflag & (_O_CREAT | _O_EXCL | _O_TRUNC)) {
	case _O_CREAT | _O_EXCL:
	case _O_CREAT | _O_EXCL | _O_TRUNC: return CREATE_NEW;
	case _O_CREAT | _O_TRUNC: return CREATE_ALWAYS;
	case _O_CREAT: return OPEN_ALWAYS;
	case _O_TRUNC:
	case _O_TRUNC | _O_EXCL: return TRUNCATE_EXISTING;
	default: return OPEN_EXISTING;
	}
}

/* A text-mode file opened to read and write loses one CTRL+Z ending it
 * (Microsoft's _open and fopen remove it "if possible", so that seeks near
 * the end behave); the file pointer is left at 0. */
static void strip_ctrl_z(HANDLE h)
{
	LARGE_INTEGER back = { .QuadPart = -1 }, start = { .QuadPart = 0 };
	char last;
	DWORD got;

	if (SetFilePointerEx(h, back, NULL, FILE_END) && ReadFile(h, &last, 1, &got, NULL) &&
	    got == 1 && last == 0x1a && SetFilePointerEx(h, back, NULL, FILE_END))
		SetEndOfFile(h);
	SetFilePointerEx(h, start, NULL, FILE_BEGIN);
}

int lowio_open(const char *path, int oflag, int shflag, int pmode, int *out, BOOL check_pmode)
{
	static const DWORD accesses[] = { GENERIC_READ, GENERIC_WRITE, GENERIC_READ | GENERIC_WRITE };
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, !(oflag & _O_NOINHERIT) };
	DWORD access, attributes = FILE_ATTRIBUTE_NORMAL;
	struct lowio_fd *e;
	int share, fd, mode = oflag & (_O_TEXT | _O_BINARY | _O_WTEXT | _O_U16TEXT | _O_U8TEXT);
	HANDLE h;

	*out = -1;
	access = (oflag & _O_ACCMODE) < 3 ? accesses[oflag & _O_ACCMODE] : 0;
	share = share_of(shflag, access);
	if (!path || !access || share < 0 || (mode & (mode - 1)) ||
	    (check_pmode && (pmode & ~(_S_IREAD | _S_IWRITE))))
		return crt_invalid_parameter();
	pmode &= ~umask_bits;
	if ((oflag & _O_CREAT) && !(pmode & _S_IWRITE))
		attributes = FILE_ATTRIBUTE_READONLY;
	if (oflag & _O_TEMPORARY) {
		attributes |= FILE_FLAG_DELETE_ON_CLOSE;
		access |= DELETE;
		share |= FILE_SHARE_DELETE;
	}
	if (oflag & _O_SHORT_LIVED)
		attributes |= FILE_ATTRIBUTE_TEMPORARY;
	if (oflag & _O_SEQUENTIAL)
		attributes |= FILE_FLAG_SEQUENTIAL_SCAN;
	else if (oflag & _O_RANDOM)
		attributes |= FILE_FLAG_RANDOM_ACCESS;
	if (oflag & _O_OBTAIN_DIR)
		attributes |= FILE_FLAG_BACKUP_SEMANTICS;
	fd = take(-1);
	if (fd < 0)
		return errno;
	h = CreateFileA(path, access, (DWORD)share, &sa, disposition_of(oflag), attributes, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		crt_set_errno_from_win32(GetLastError());
		give_back(lowio_entry(fd));
		return errno;
	}
	e = lowio_entry(fd);
	fill(e, h, mode ? mode : fmode, (oflag & _O_APPEND) ? LOWIO_APPEND : 0);
	if ((e->flags & LOWIO_TEXT) && (oflag & _O_ACCMODE) == _O_RDWR)
		strip_ctrl_z(h);
	*out = fd;
	return 0;
}

int _sopen(const char *path, int oflag, int shflag, ...)
{
	int fd;

	lowio_open(path, oflag, shflag, LOWIO_PMODE(oflag, shflag), &fd, FALSE);
	return fd;
}

int _open(const char *path, int oflag, ...)
{
	return _sopen(path, oflag, _SH_DENYNO, LOWIO_PMODE(oflag, oflag));
}

errno_t _sopen_s(int *fd, const char *path, int oflag, int shflag, int pmode)
{
	if (!fd)
		return crt_invalid_parameter();
	return lowio_open(path, oflag, shflag, pmode, fd, TRUE);
}

int _creat(const char *path, int pmode)
{
	int fd;

	lowio_open(path, _O_CREAT | _O_TRUNC | _O_RDWR, _SH_DENYNO, pmode, &fd, FALSE);
	return fd;
}

/* The descriptor is freed even when CloseHandle fails (then -1). */
int _close(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);
	int r = 0;

	if (!e)
		return -1;
	if (!(e->flags & LOWIO_STD) && !CloseHandle(e->h)) {
		crt_set_errno_from_win32(GetLastError());
		r = -1;
	}
	give_back(e);
	return r;
}

/* Makes the free-held descriptor to name a copy of e's handle; 0 or -1. */
static int copy_into(struct lowio_fd *e, int to)
{
	struct lowio_fd *t = lowio_entry(to);
	HANDLE h = e->h;

	if (!(e->flags & LOWIO_STD) &&
	    !DuplicateHandle(GetCurrentProcess(), e->h, GetCurrentProcess(), &h, 0, TRUE,
			     DUPLICATE_SAME_ACCESS)) {
		crt_set_errno_from_win32(GetLastError());
		give_back(t);
		return -1;
	}
	t->h = h;
	t->mode = e->mode;
	t->flags = e->flags & ~LOWIO_EOF;
	t->lookahead = 0;
	return 0;
}

int _dup(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);
	int to;

	if (!e)
		return -1;
	to = take(-1);
	if (to < 0 || copy_into(e, to))
		return -1;
	return to;
}

int _dup2(int fd1, int fd2)
{
	struct lowio_fd *e = lowio_entry(fd1);

	if (!e)
		return -1;
	if (fd2 < 0 || fd2 >= MAX_FDS) {
		crt_invalid_parameter();
		errno = EBADF;
		_doserrno = 0;
		return -1;
	}
	if (fd1 == fd2)
		return 0;
	if (take(fd2) != fd2) {         /* open: closed first (a failure there is ignored) */
		_close(fd2);
		if (take(fd2) != fd2)
			return -1;
	}
	return copy_into(e, fd2);
}

intptr_t _get_osfhandle(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);

	return e ? (intptr_t)e->h : (intptr_t)INVALID_HANDLE_VALUE;
}

int _open_osfhandle(intptr_t handle, int flags)
{
	HANDLE h = (HANDLE)handle;
	int fd;

	SetLastError(0);
	if (GetFileType(h) == FILE_TYPE_UNKNOWN && GetLastError())
		return crt_fail_last_error();
	fd = take(-1);
	if (fd >= 0)
		fill(lowio_entry(fd), h, (flags & _O_TEXT) ? _O_TEXT : _O_BINARY,
		     (flags & _O_APPEND) ? LOWIO_APPEND : 0);
	return fd;
}

/* Microsoft's: a pipe of psize bytes (0: the system's default) whose read
 * end is fds[0] and write end fds[1], in textmode's translation (_O_TEXT,
 * _O_BINARY, neither: _fmode's), inherited by children unless
 * _O_NOINHERIT. 0, or -1 with errno (EINVAL for bad arguments, through the
 * invalid-parameter handler; EMFILE) and fds[] -1. */
int _pipe(int *fds, unsigned int psize, int textmode)
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, !(textmode & _O_NOINHERIT) };
	HANDLE h[2];
	int mode = textmode & (_O_TEXT | _O_BINARY);

	if (!fds)
		return crt_invalid_parameter(), -1;
	fds[0] = fds[1] = -1;
	if ((textmode & ~(_O_NOINHERIT | _O_TEXT | _O_BINARY)) || mode == (_O_TEXT | _O_BINARY))
		return crt_invalid_parameter(), -1;
	if (!CreatePipe(&h[0], &h[1], &sa, psize))
		return crt_fail_last_error();
	for (int i = 0; i < 2; i++) {
		if ((fds[i] = take(-1)) < 0) {
			if (i)
				give_back(lowio_entry(fds[0]));
			CloseHandle(h[0]);
			CloseHandle(h[1]);
			fds[0] = fds[1] = -1;
			return -1;
		}
		fill(lowio_entry(fds[i]), h[i], mode ? mode : fmode, 0);
	}
	return 0;
}

static BOOL is_mode(int mode)
{
	return mode == _O_TEXT || mode == _O_BINARY || mode == _O_WTEXT || mode == _O_U16TEXT ||
	       mode == _O_U8TEXT;
}

/* The wide text modes are taken as _O_TEXT's byte translation. */
int _setmode(int fd, int mode)
{
	struct lowio_fd *e = lowio_entry(fd);
	int was;

	if (!e)
		return -1;
	if (!is_mode(mode))
		return crt_invalid_parameter(), -1;
	was = e->mode;
	e->mode = mode;
	e->flags &= ~LOWIO_TEXT;
	e->lookahead = 0;
	if (mode != _O_BINARY && !(e->flags & LOWIO_DEVICE))
		e->flags |= LOWIO_TEXT;
	return was;
}

/* Nonzero (Microsoft's 0x40) for a character device such as the console. */
int _isatty(int fd)
{
	struct lowio_fd *e = lowio_entry(fd);

	return e && (e->flags & LOWIO_DEVICE) ? 0x40 : 0;
}

/* The bits of a later _open's pmode to drop (only _S_IWRITE matters: a new
 * file without it is read-only); the mask it had. */
int _umask(int mode)
{
	int was = umask_bits;

	umask_bits = mode & (_S_IREAD | _S_IWRITE);
	return was;
}

errno_t _umask_s(int mode, int *old)
{
	if (!old || (mode & ~(_S_IREAD | _S_IWRITE)))
		return crt_invalid_parameter();
	*old = _umask(mode);
	return 0;
}

errno_t _set_fmode(int mode)
{
	if (mode != _O_TEXT && mode != _O_BINARY && mode != _O_WTEXT)
		return crt_invalid_parameter();
	fmode = mode;
	return 0;
}

errno_t _get_fmode(int *mode)
{
	if (!mode)
		return crt_invalid_parameter();
	*mode = fmode;
	return 0;
}

int open(const char *path, int oflag, ...) __attribute__((alias("_open")));
int sopen(const char *path, int oflag, int shflag, ...) __attribute__((alias("_sopen")));
int creat(const char *path, int pmode) __attribute__((alias("_creat")));
int close(int fd) __attribute__((alias("_close")));
int dup(int fd) __attribute__((alias("_dup")));
int dup2(int fd1, int fd2) __attribute__((alias("_dup2")));
int setmode(int fd, int mode) __attribute__((alias("_setmode")));
int isatty(int fd) __attribute__((alias("_isatty")));
int umask(int mode) __attribute__((alias("_umask")));
