/* C streams over Win32 files: fopen and the rest, each stream owning a
 * descriptor (lowio.c, opened as _open does) and one buffer used for
 * reading or for writing (switching flushes or gives back what was read
 * ahead), append mode writing at the end every time, and every open stream
 * flushed at exit. stdout and stderr write to the console unbuffered.
 * As Microsoft's C library, a stream is in text mode unless its mode has a
 * "b" (crt_text.h's rules: '\n' is written as CR LF, CR LF reads as '\n'
 * and CTRL+Z as the end); the buffer keeps the file's own bytes, so ftell
 * and fseek are exact.
 * stdin reads the console input handle. A failed open sets errno from the
 * Win32 error (_dosmaperr's table); a bad mode or NULL argument goes to the
 * invalid-parameter handler (EINVAL), as Microsoft's. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "kernel/rtl/format.h"
#include "crt_text.h"
#include "crt_thread.h"
#include "fstdio.h"
#include "lowio.h"

static FILE out = { (HANDLE)STD_OUTPUT_HANDLE, F_WRITE | F_CONSOLE | F_STATIC, NULL, 0, 0, 1,
		    NULL, 0, 1 };
static FILE err = { (HANDLE)STD_ERROR_HANDLE, F_WRITE | F_CONSOLE | F_STATIC, NULL, 0, 0, 1,
		    NULL, 0, 2 };
static FILE in = { (HANDLE)STD_INPUT_HANDLE, F_READ | F_CONSOLE | F_STATIC, NULL, 0, 0, 0,
		   NULL, 0, 0 };
FILE *const stdin = &in;
FILE *const stdout = &out;
FILE *const stderr = &err;
FILE *fstdio_streams;

/* The streams start on the process's standard handles (a child's may be
 * pipes or files its creator gave with STARTF_USESTDHANDLES); each writes
 * or reads its handle unbuffered, as the console. */
static void __attribute__((constructor)) std_streams_init(void)
{
	in.h = GetStdHandle(STD_INPUT_HANDLE);
	out.h = GetStdHandle(STD_OUTPUT_HANDLE);
	err.h = GetStdHandle(STD_ERROR_HANDLE);
}

/* Writes what buf holds for writing; 0, or EOF with the error flag. */
static int flush_writes(FILE *f)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	size_t done = 0;
	DWORD n;

	if (!f->writing || !f->len)
		return 0;
	if (f->flags & F_APPEND)
		SetFilePointerEx(f->h, zero, NULL, FILE_END);
	while (done < f->len) {
		if (!WriteFile(f->h, f->buf + done, (DWORD)(f->len - done), &n, NULL) || !n) {
			f->flags |= F_ERROR;
			f->len = 0;
			return EOF;
		}
		done += n;
	}
	f->len = 0;
	return 0;
}

/* Gives back what was read ahead (the handle's position returns to the
 * stream's), so that a write or a seek starts at the right place. */
static void drop_reads(FILE *f)
{
	LARGE_INTEGER back;

	if (f->writing || f->pos == f->len)
		return;
	back.QuadPart = -(LONGLONG)(f->len - f->pos);
	SetFilePointerEx(f->h, back, NULL, FILE_CURRENT);
	f->pos = f->len = 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f) {
		for (FILE *s = fstdio_streams; s; s = s->next)
			r |= fflush(s);
		return r;
	}
	if (f->writing)
		return flush_writes(f);
	drop_reads(f);
	return 0;
}

static void flush_all(void)
{
	fflush(NULL);
}

/* One of a mode's letters after the first into _open's flags; FALSE for
 * one Microsoft's fopen does not take, or takes once: each letter, and
 * only one of S and R (the UCRT's rule). */
static BOOL mode_letter(char c, int *oflag)
{
	static const char letters[] = "btDTNSRx";
	static const int flags[] = { _O_BINARY, _O_TEXT, _O_TEMPORARY, _O_SHORT_LIVED,
				     _O_NOINHERIT, _O_SEQUENTIAL, _O_RANDOM, _O_EXCL };
	const char *at = strchr(letters, c);

	if (c == 'c' || c == 'n' || c == ' ')
		return TRUE;
	if (!c || !at || (*oflag & flags[at - letters]) || (c == 'x' && !(*oflag & _O_TRUNC)) ||
	    ((c == 'S' || c == 'R') && (*oflag & (_O_SEQUENTIAL | _O_RANDOM))))
		return FALSE;
	*oflag |= flags[at - letters];
	return TRUE;
}

/* _open's flags and the stream's for a C mode ("r", "w" or "a", then '+'
 * and the letters of mode_letter; ",ccs=..." is ignored); FALSE for a bad
 * mode. */
static BOOL parse_mode(const char *mode, int *oflag, int *flags)
{
	switch (mode[0]) {
	case 'r': *oflag = _O_RDONLY; *flags = F_READ; break;
	case 'w': *oflag = _O_WRONLY | _O_CREAT | _O_TRUNC; *flags = F_WRITE; break;
	case 'a': *oflag = _O_WRONLY | _O_CREAT | _O_APPEND; *flags = F_WRITE | F_APPEND; break;
	default: return FALSE;
	}
	for (const char *m = mode + 1; *m && *m != ','; m++) {
		if (*m == '+' && !(*flags & F_READ && *flags & F_WRITE)) {
			*oflag = (*oflag & ~_O_ACCMODE) | _O_RDWR;
			*flags |= F_READ | F_WRITE;
		} else if (!mode_letter(*m, oflag)) {
			return FALSE;
		}
	}
	if ((*oflag & (_O_TEXT | _O_BINARY)) == (_O_TEXT | _O_BINARY))
		return FALSE;
	if (*oflag & _O_TEXT || (!(*oflag & _O_BINARY) && lowio_fmode() != _O_BINARY))
		*flags |= F_TEXT;
	return TRUE;
}

FILE *fstdio_attach(int fd, const char *mode, FILE *reuse)
{
	static BOOL registered;
	int oflag, flags;
	FILE *f;

	if (!mode || !parse_mode(mode, &oflag, &flags))
		return crt_invalid_parameter(), NULL;
	f = reuse ? reuse : calloc(1, sizeof(*f));
	if (f && !f->buf && !(f->buf = malloc(BUFSIZ))) {
		if (!reuse)
			free(f);
		f = NULL;
	}
	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	f->h = (HANDLE)_get_osfhandle(fd);
	f->fd = fd;
	f->flags = flags | (reuse ? reuse->flags & F_STATIC : 0);
	f->pos = f->len = 0;
	f->writing = f->pushed = 0;
	f->next = fstdio_streams;
	fstdio_streams = f;
	if (!registered)
		registered = atexit(flush_all) == 0;
	return f;
}

FILE *fstdio_open(const char *path, const char *mode, int shflag, FILE *reuse)
{
	int oflag, flags, fd;
	FILE *f;

	if (!path || !mode || !parse_mode(mode, &oflag, &flags)) {
		crt_invalid_parameter();
		return NULL;
	}
	if (lowio_open(path, oflag, shflag, _S_IREAD | _S_IWRITE, &fd, FALSE))
		return NULL;
	f = fstdio_attach(fd, mode, reuse);
	if (!f)
		_close(fd);
	if (!f && reuse) {
		free(reuse->buf);
		reuse->buf = NULL;
	}
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	return fstdio_open(path, mode, _SH_DENYNO, NULL);
}

int fstdio_close(FILE *f, BOOL keep)
{
	int r = fflush(f);
	FILE **p = &fstdio_streams;

	while (*p && *p != f)
		p = &(*p)->next;
	if (*p)
		*p = f->next;
	if (f->fd >= 0 && _close(f->fd))
		r = EOF;
	if (keep) {
		/* A failed freopen leaves the stream closed: nothing of the old
		 * file (its handle, its descriptor's number) stays to be used. */
		f->h = INVALID_HANDLE_VALUE;
		f->flags &= F_STATIC;
		f->pos = f->len = 0;
		f->writing = f->pushed = 0;
		f->fd = -1;
		return r;
	}
	free(f->buf);
	if (!(f->flags & F_STATIC))
		free(f);
	else
		*f = (FILE){ INVALID_HANDLE_VALUE, F_STATIC, NULL, 0, 0, 0, NULL, 0, -1 };
	return r;
}

/* stdin, stdout and stderr on the console stay open. */
int fclose(FILE *f)
{
	if (!f)
		return crt_invalid_parameter(), EOF;
	if (f->flags & F_CONSOLE)
		return fflush(f);
	return fstdio_close(f, FALSE);
}

/* Refills the read buffer; the bytes now available. */
static size_t fill(FILE *f)
{
	DWORD n = 0;

	if (f->writing) {
		flush_writes(f);
		f->writing = 0;
	}
	if (f->pos < f->len)
		return f->len - f->pos;
	f->pos = f->len = 0;
	if (!f->buf && !(f->buf = malloc(BUFSIZ))) {     /* stdin's, on first use */
		f->flags |= F_ERROR;
		return 0;
	}
	if (!(f->flags & F_READ) ||
	    (!ReadFile(f->h, f->buf, BUFSIZ, &n, NULL) && GetLastError() != ERROR_BROKEN_PIPE))
		f->flags |= F_ERROR;
	else if (n == 0)
		f->flags |= F_EOF;
	f->len = n;
	return n;
}

size_t fread(void *buf, size_t size, size_t count, FILE *f)
{
	size_t want = size * count, got = 0, n;
	unsigned char *p = buf;
	int c;

	if (!size || !count)
		return 0;
	if (f->pushed) {
		p[got++] = (unsigned char)(f->pushed - 1);
		f->pushed = 0;
	}
	if (f->flags & F_TEXT) {
		while (got < want && (c = fgetc(f)) != EOF)
			p[got++] = (unsigned char)c;
		return got / size;
	}
	while (got < want && (n = fill(f)) != 0) {
		if (n > want - got)
			n = want - got;
		memcpy(p + got, f->buf + f->pos, n);
		f->pos += n;
		got += n;
	}
	return got / size;
}

/* Makes buf the write buffer (giving back what was read ahead). */
static int start_writing(FILE *f)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERROR;
		return EOF;
	}
	if (!f->writing) {
		drop_reads(f);
		f->pos = f->len = 0;
		f->writing = 1;
	}
	return 0;
}

/* Buffers want bytes from src (a text stream's by crt_text_encode); how
 * many of src's bytes went in (fewer only when writing failed). */
static size_t put_bytes(FILE *f, const unsigned char *src, size_t want)
{
	size_t put = 0, n, made;

	while (put < want) {
		if (f->flags & F_TEXT) {
			n = crt_text_encode(src + put, want - put, f->buf + f->len,
					    BUFSIZ - f->len, &made);
		} else {
			n = made = BUFSIZ - f->len < want - put ? BUFSIZ - f->len : want - put;
			memcpy(f->buf + f->len, src + put, n);
		}
		f->len += made;
		put += n;
		if (BUFSIZ - f->len < 2 && flush_writes(f))
			return put;
	}
	return put;
}

size_t fwrite(const void *buf, size_t size, size_t count, FILE *f)
{
	size_t want = size * count;
	DWORD done;

	if (!size || !count || start_writing(f))
		return 0;
	if (f->flags & F_CONSOLE)
		return WriteFile(f->h, buf, (DWORD)want, &done, NULL) ? done / size : 0;
	return put_bytes(f, buf, want) == want ? count : 0;
}

/* In text mode by crt_text_next: a CR ending the buffer looks at the
 * next one, and CTRL+Z is the end, left unread. */
int fgetc(FILE *f)
{
	int c = f->pushed - 1;
	size_t used;

	if (f->pushed) {
		f->pushed = 0;
		return c;
	}
	if (!fill(f))
		return EOF;
	if (!(f->flags & F_TEXT))
		return f->buf[f->pos++];
	c = crt_text_next(f->buf + f->pos, f->len - f->pos, &used);
	f->pos += used;
	if (c == CRT_TEXT_END) {
		f->flags |= F_EOF;
		return EOF;
	}
	if (c == CRT_TEXT_MORE) {
		c = '\r';
		f->pos++;
		if (fill(f) && f->buf[f->pos] == '\n')
			c = f->buf[f->pos++];
	}
	return c;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

/* One character back (not EOF), read again next; a seek forgets it. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || f->pushed)
		return EOF;
	f->pushed = (unsigned char)c + 1;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

/* The library keeps its own buffer size; the arguments are checked as
 * Microsoft's: a bad mode, or a size outside 2..INT_MAX for a buffered
 * mode, goes to the invalid-parameter handler (-1). */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	(void)buf;
	if (!f || (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) ||
	    (mode != _IONBF && (size < 2 || size > 0x7fffffff)))
		return crt_invalid_parameter(), -1;
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

char *fgets(char *s, int n, FILE *f)
{
	int i = 0, c = 0;

	if (n <= 0)
		return NULL;
	while (i < n - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;            /* nothing read: s is left as it was */
	s[i] = '\0';
	return s;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return fwrite(&ch, 1, 1, f) == 1 ? ch : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n || n == 0 ? 0 : EOF;
}

struct fmt_out {
	FILE *f;
	char buf[256];
	size_t len;
	int failed;
};

static void fmt_flush(struct fmt_out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->failed = 1;
	o->len = 0;
}

static void fmt_emit(void *ctx, char c)
{
	struct fmt_out *o = ctx;

	o->buf[o->len++] = c;
	if (o->len == sizeof(o->buf))
		fmt_flush(o);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct fmt_out o = { .f = f };
	int n = crt_vformat(fmt_emit, &o, fmt, ap);

	fmt_flush(&o);
	return o.failed ? -1 : n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

/* A NULL stream or a bad whence goes to the invalid-parameter handler. */
int fstdio_seek(FILE *f, long long offset, int whence)
{
	LARGE_INTEGER d = { .QuadPart = offset };

	if (!f || whence < SEEK_SET || whence > SEEK_END)
		return crt_invalid_parameter(), -1;
	if (f->flags & F_CONSOLE || fflush(f))
		return -1;
	f->pos = f->len = 0;
	f->pushed = 0;
	if (!SetFilePointerEx(f->h, d, NULL, (DWORD)whence))
		return crt_fail_last_error();
	f->flags &= ~F_EOF;
	return 0;
}

long long fstdio_tell(FILE *f)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, at;

	if (!f)
		return crt_invalid_parameter(), -1;
	if (f->flags & F_CONSOLE || !SetFilePointerEx(f->h, zero, &at, FILE_CURRENT))
		return -1;
	if (f->writing)
		return at.QuadPart + (LONGLONG)f->len;
	return at.QuadPart - (LONGLONG)(f->len - f->pos) - (f->pushed != 0);
}

int fseek(FILE *f, long offset, int whence) { return fstdio_seek(f, offset, whence); }

long ftell(FILE *f)
{
	long long at = fstdio_tell(f);

	return at > 0x7fffffff ? (errno = EINVAL, -1) : (long)at;
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERROR;
}

int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERROR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERROR); }

int remove(const char *path)
{
	return _unlink(path);
}

/* errno from the Win32 error when it fails. */
int rename(const char *from, const char *to)
{
	if (!from || !to)
		return crt_invalid_parameter(), -1;
	if (MoveFileA(from, to))
		return 0;
	return crt_fail_last_error();
}

int fgetpos(FILE *f, fpos_t *pos)
{
	long long at = fstdio_tell(f);

	if (at < 0)
		return -1;
	*pos = at;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fstdio_seek(f, *pos, SEEK_SET);
}

/* Microsoft's checked fopen: 0 and *pf, or errno's value and *pf = NULL. */
errno_t fopen_s(FILE **pf, const char *path, const char *mode)
{
	if (!pf)
		return crt_invalid_parameter();
	errno = 0;
	*pf = fopen(path, mode);
	return *pf ? 0 : errno ? errno : ENOMEM;
}

void perror(const char *s)
{
	const char *message = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, message);
	else
		fprintf(stderr, "%s\n", message);
}
