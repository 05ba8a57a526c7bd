/* The C library's descriptor table (user/lib/lowio.c), shared by the
 * descriptor calls (lowio_rw.c, crt_stat.c) and the streams (fstdio.c). */
#ifndef USER_LIB_LOWIO_H
#define USER_LIB_LOWIO_H

#include <fcntl.h>
#include <stdarg.h>
#include <windows.h>

enum {
	LOWIO_OPEN = 1,
	LOWIO_TEXT = 2,         /* translated (a disk file not in _O_BINARY) */
	LOWIO_APPEND = 4,       /* every write at the end */
	LOWIO_EOF = 8,          /* a text read met CTRL+Z: reads give 0 until a seek */
	LOWIO_DEVICE = 16,      /* not a disk file (the console): never translated */
	LOWIO_STD = 32,         /* a standard handle, not the descriptor's to close */
	LOWIO_PIPE = 64,        /* a pipe: translated as a file, but never seeks */
};

struct lowio_fd {
	HANDLE h;
	int mode;               /* _O_TEXT, _O_BINARY or a wide text mode, as set */
	int flags;              /* LOWIO_* */
	int lookahead;          /* a pipe's byte read past a CR in text mode, + 1; or 0 */
};

/* fd's entry when it is open; else NULL with errno EBADF and _doserrno 0,
 * after the invalid-parameter handler for any fd but -2 (Microsoft's rule). */
struct lowio_fd *lowio_entry(int fd);

/* _sopen_s's work: 0 and the descriptor in *fd, or errno's value (errno
 * and _doserrno set). check_pmode: pmode must hold only _S_IREAD and
 * _S_IWRITE (_sopen_s's rule; _open and _sopen take any). */
int lowio_open(const char *path, int oflag, int shflag, int pmode, int *fd, BOOL check_pmode);

/* In a function whose arguments end (oflag, ..., last, ...): the pmode
 * after last, read only with _O_CREAT as a caller may leave it out
 * otherwise; 0 without. */
#define LOWIO_PMODE(oflag, last)                                                         \
	({                                                                               \
		int lowio_pmode = 0;                                                     \
		va_list lowio_ap;                                                        \
		va_start(lowio_ap, last);                                                \
		if ((oflag) & _O_CREAT)                                                  \
			lowio_pmode = va_arg(lowio_ap, int);                             \
		va_end(lowio_ap);                                                        \
		lowio_pmode;                                                             \
	})

/* The default translation mode (_set_fmode's): _O_TEXT or _O_BINARY. */
int lowio_fmode(void);

#endif
