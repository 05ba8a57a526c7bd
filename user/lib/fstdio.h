/* The streams' insides, shared by fstdio.c (the C standard's calls) and
 * fstdio_crt.c (Microsoft's: freopen, tmpfile, _fdopen, _fcloseall...). */
#ifndef USER_LIB_FSTDIO_H
#define USER_LIB_FSTDIO_H

#include <stdarg.h>
#include <stdio.h>
#include <windows.h>

enum { F_READ = 1, F_WRITE = 2, F_APPEND = 4, F_EOF = 8, F_ERROR = 16, F_CONSOLE = 32,
       F_TEXT = 64, F_STATIC = 128 /* stdin, stdout or stderr: never freed */,
       F_TEMP = 256 /* tmpfile's: _rmtmp closes it */ };

struct _iobuf {
	HANDLE h;               /* the handle of fd */
	int flags;
	unsigned char *buf;
	size_t pos, len;        /* reading: buf[pos..len) read ahead; writing: len pending */
	int writing;            /* what buf holds now */
	FILE *next;             /* every stream open on a file */
	int pushed;             /* ungetc's character + 1, or 0 */
	int fd;                 /* the descriptor (io.h) the stream owns */
};

/* Every stream open on a file (stdin, stdout and stderr once reopened). */
extern FILE *fstdio_streams;

/* Opens path as fopen's mode says (plus Microsoft's 'D' delete on close,
 * 'T' short-lived, 'N' not inherited, 'S' and 'R' access hints, 'x'
 * exclusive, 'c'/'n' taken and ignored), sharing as shflag, into reuse
 * (freopen's stream) or a new stream; NULL with errno set (EINVAL for a bad
 * mode, through the invalid-parameter handler), reuse left closed without
 * its buffer. */
FILE *fstdio_open(const char *path, const char *mode, int shflag, FILE *reuse);

/* Makes f a stream of descriptor fd (mode as fopen's; its first letter
 * not acted on), in the list of streams; f is reuse or a new one, NULL
 * with errno ENOMEM (or EINVAL for a bad mode, through the handler). */
FILE *fstdio_attach(int fd, const char *mode, FILE *reuse);

/* Flushes f and closes its descriptor; frees f unless it is stdin, stdout
 * or stderr, or keep (freopen's: the buffer stays too). 0 or EOF. */
int fstdio_close(FILE *f, BOOL keep);

/* printf's way to stdout once freopen has moved it to a file (NULL: the
 * console, written directly by user/lib/stdio.c); a pointer set at run time
 * so that printf alone does not bring the streams into every program. */
extern int (*stdio_reopened_vprintf)(const char *fmt, va_list ap);

/* fseek's and ftell's work at 64 bits. */
int fstdio_seek(FILE *f, long long offset, int whence);
long long fstdio_tell(FILE *f);

#endif
