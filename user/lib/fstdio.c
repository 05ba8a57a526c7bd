/* C streams over Win32 files: fopen and the rest, with one buffer per stream
 * used for reading or for writing (switching flushes or gives back what was
 * read ahead), append mode writing at the end every time, and every open
 * stream flushed at exit. stdout and stderr write to the console unbuffered.
 * As Microsoft's C library, a stream is in text mode unless its mode has a
 * "b": '\n' is written as CR LF, CR LF reads as '\n' and CTRL+Z as the end;
 * the buffer keeps the file's own bytes, so ftell and fseek are exact.
 * stdin reads the console input handle. A failed open sets errno from the
 * Win32 error (_dosmaperr's table); a bad mode or NULL argument goes to the
 * invalid-parameter handler (EINVAL), as Microsoft's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "kernel/rtl/format.h"
#include "crt_thread.h"

enum { F_READ = 1, F_WRITE = 2, F_APPEND = 4, F_EOF = 8, F_ERROR = 16, F_CONSOLE = 32,
       F_TEXT = 64 };

#define CTRL_Z 0x1a

struct _iobuf {
	HANDLE h;
	int flags;
	unsigned char *buf;
	size_t pos, len;        /* reading: buf[pos..len) read ahead; writing: len pending */
	int writing;            /* what buf holds now */
	FILE *next;             /* every stream fopen made */
	int pushed;             /* ungetc's character + 1, or 0 */
};

static FILE out = { (HANDLE)STD_OUTPUT_HANDLE, F_WRITE | F_CONSOLE, NULL, 0, 0, 1, NULL, 0 };
static FILE err = { (HANDLE)STD_ERROR_HANDLE, F_WRITE | F_CONSOLE, NULL, 0, 0, 1, NULL, 0 };
static FILE in = { (HANDLE)STD_INPUT_HANDLE, F_READ | F_CONSOLE, NULL, 0, 0, 0, NULL, 0 };
FILE *const stdin = &in;
FILE *const stdout = &out;
FILE *const stderr = &err;
static FILE *streams;

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
		for (FILE *s = streams; s; s = s->next)
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

/* CreateFileA's arguments for a C mode; FALSE for a bad mode. */
static BOOL parse_mode(const char *mode, DWORD *access, DWORD *disposition, int *flags)
{
	BOOL plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'r': *disposition = OPEN_EXISTING; *flags = F_READ; break;
	case 'w': *disposition = CREATE_ALWAYS; *flags = F_WRITE; break;
	case 'a': *disposition = OPEN_ALWAYS; *flags = F_WRITE | F_APPEND; break;
	default: return FALSE;
	}
	if (plus)
		*flags |= F_READ | F_WRITE;
	if (!strchr(mode, 'b'))
		*flags |= F_TEXT;
	*access = ((*flags & F_READ) ? GENERIC_READ : 0) | ((*flags & F_WRITE) ? GENERIC_WRITE : 0);
	return TRUE;
}

FILE *fopen(const char *path, const char *mode)
{
	static BOOL registered;
	DWORD access, disposition;
	int flags;
	FILE *f;

	if (!path || !mode || !parse_mode(mode, &access, &disposition, &flags)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		crt_invalid_parameter();
		return NULL;
	}
	f = calloc(1, sizeof(*f));
	if (f && !(f->buf = malloc(BUFSIZ))) {
		free(f);
		f = NULL;
	}
	if (!f)
		return NULL;
	f->h = CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, disposition,
			   FILE_ATTRIBUTE_NORMAL, NULL);
	if (f->h == INVALID_HANDLE_VALUE) {
		crt_set_errno_from_win32(GetLastError());
		free(f->buf);
		free(f);
		return NULL;
	}
	f->flags = flags;
	f->next = streams;
	streams = f;
	if (!registered)
		registered = atexit(flush_all) == 0;
	return f;
}

int fclose(FILE *f)
{
	int r = fflush(f);
	FILE **p = &streams;

	if (f->flags & F_CONSOLE)
		return r;
	while (*p && *p != f)
		p = &(*p)->next;
	if (*p)
		*p = f->next;
	if (!CloseHandle(f->h))
		r = EOF;
	free(f->buf);
	free(f);
	return r;
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
	if (!(f->flags & F_READ) || !ReadFile(f->h, f->buf, BUFSIZ, &n, NULL))
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

/* Buffers want bytes from src, each '\n' of a text stream after a CR; how
 * many of src's bytes went in (fewer only when writing failed). */
static size_t put_bytes(FILE *f, const unsigned char *src, size_t want)
{
	size_t put = 0, n;

	while (put < want) {
		if (f->flags & F_TEXT) {
			n = 1;
			if (src[put] == '\n')
				f->buf[f->len++] = '\r';
			if (f->len == BUFSIZ && flush_writes(f))
				return put;
			f->buf[f->len] = src[put];
		} else {
			n = BUFSIZ - f->len < want - put ? BUFSIZ - f->len : want - put;
			memcpy(f->buf + f->len, src + put, n);
		}
		f->len += n;
		put += n;
		if (f->len == BUFSIZ && flush_writes(f))
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

/* In text mode CR LF is '\n' (a CR ending the buffer looks at the next
 * one) and CTRL+Z is the end, left unread. */
int fgetc(FILE *f)
{
	int c = f->pushed - 1;

	if (f->pushed) {
		f->pushed = 0;
		return c;
	}
	if (!fill(f))
		return EOF;
	c = f->buf[f->pos];
	if (!(f->flags & F_TEXT))
		return f->buf[f->pos++];
	if (c == CTRL_Z) {
		f->flags |= F_EOF;
		return EOF;
	}
	f->pos++;
	if (c == '\r' && fill(f) && f->buf[f->pos] == '\n')
		c = f->buf[f->pos++];
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
	int n = fmt_vformat_crt(fmt_emit, &o, fmt, ap);

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

int fseek(FILE *f, long offset, int whence)
{
	LARGE_INTEGER d = { .QuadPart = offset };

	if (f->flags & F_CONSOLE || whence < SEEK_SET || whence > SEEK_END)
		return -1;
	if (fflush(f))
		return -1;
	f->pos = f->len = 0;
	f->pushed = 0;
	if (!SetFilePointerEx(f->h, d, NULL, (DWORD)whence))
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

long ftell(FILE *f)
{
	LARGE_INTEGER zero = { .QuadPart = 0 }, at;

	if (f->flags & F_CONSOLE || !SetFilePointerEx(f->h, zero, &at, FILE_CURRENT))
		return -1;
	if (f->writing)
		return (long)(at.QuadPart + (LONGLONG)f->len);
	return (long)(at.QuadPart - (LONGLONG)(f->len - f->pos) - (f->pushed != 0));
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
	return DeleteFileA(path) ? 0 : -1;
}

int rename(const char *from, const char *to)
{
	return MoveFileA(from, to) ? 0 : -1;
}

int fgetpos(FILE *f, fpos_t *pos)
{
	long at = ftell(f);

	if (at < 0)
		return -1;
	*pos = at;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseek(f, (long)*pos, SEEK_SET);
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
