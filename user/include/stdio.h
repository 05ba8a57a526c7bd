/* The vados C library: console output, streams, formatting and scanning. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define EOF (-1)
#define BUFSIZ 4096
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define _IOFBF   0x0000
#define _IOLBF   0x0040
#define _IONBF   0x0004
#define FILENAME_MAX 260
#define FOPEN_MAX    20
#define _SYS_OPEN    20
#define L_tmpnam     260
#define L_tmpnam_s   L_tmpnam
#define TMP_MAX      2147483647
#define TMP_MAX_S    TMP_MAX

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
typedef long long fpos_t;

/* Streams over Win32 files (user/lib/fstdio.c), each owning a descriptor
 * (io.h): buffered, in text mode unless the mode has "b" (or _fmode is
 * _O_BINARY and it has no "t"): '\n' is written as CR LF, CR LF reads as
 * '\n' and CTRL+Z ends the text; ftell and fseek work on file offsets.
 * stdout and stderr write to the console unbuffered and untranslated. */
typedef struct _iobuf FILE;
extern FILE *const stdin, *const stdout, *const stderr;

FILE *fopen(const char *path, const char *mode);
errno_t fopen_s(FILE **pf, const char *path, const char *mode);
int fclose(FILE *f);
size_t fread(void *buf, size_t size, size_t count, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t count, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int n, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int fputs(const char *s, FILE *f);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int fseek(FILE *f, long offset, int whence);
int fgetpos(FILE *f, fpos_t *pos);
int fsetpos(FILE *f, const fpos_t *pos);
/* Checked as Microsoft's (see fstdio.c); the library keeps its own buffer. */
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
long ftell(FILE *f);
void rewind(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fflush(FILE *f);
int remove(const char *path);
int rename(const char *from, const char *to);

/* Microsoft's stream calls (user/lib/fstdio_crt.c). _fileno: the stream's
 * descriptor (stdin 0, stdout 1, stderr 2). _fdopen: a stream on an open
 * descriptor. _fsopen: fopen with a <share.h> sharing mode. freopen: f
 * closed and opened on path (NULL when that fails, f left closed); stdin,
 * stdout and stderr so reopened take descriptors 0, 1 and 2 again. fopen's
 * modes also take Microsoft's letters: D (deleted when closed), T, N, S,
 * R, x ("wx": fails with EEXIST when the file exists). */
int _fileno(FILE *f);
FILE *_fdopen(int fd, const char *mode);
FILE *_fsopen(const char *path, const char *mode, int shflag);
FILE *freopen(const char *path, const char *mode, FILE *f);
errno_t freopen_s(FILE **pf, const char *path, const char *mode, FILE *f);
int fileno(FILE *f);
/* _popen: the interpreter (as system's) started on command, its standard
 * output ("r") or input ("w") a pipe whose other end is the stream
 * returned ("t" or "b" after the letter: text or binary; neither:
 * _fmode's); NULL with errno (EINVAL through the invalid-parameter handler
 * for a NULL or bad argument). _pclose closes the stream, waits for the
 * interpreter and returns its exit code; -1 with errno EINVAL for a stream
 * not _popen's (user/lib/crt_spawn.c). */
FILE *_popen(const char *command, const char *mode);
FILE *_wpopen(const wchar_t *command, const wchar_t *mode);
int _pclose(FILE *stream);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);
FILE *fdopen(int fd, const char *mode);
/* A new file in the root directory, "w+b", deleted when closed (or at
 * exit, or by _rmtmp); NULL with errno. tmpnam: a name no file has in
 * GetTempPath's directory, in s (L_tmpnam bytes) or a static buffer;
 * tmpnam_s: 0, or EINVAL (NULL) or ERANGE (size too small) through the
 * invalid-parameter handler. */
FILE *tmpfile(void);
errno_t tmpfile_s(FILE **pf);
char *tmpnam(char *s);
errno_t tmpnam_s(char *s, size_t size);
/* A line of stdin without its '\n'; NULL at the end of the input, or
 * (buf "", ERANGE through the invalid-parameter handler) for a line that
 * does not fit in size - 1 characters, the rest of it dropped. */
char *gets_s(char *buf, size_t size);
int _fseeki64(FILE *f, long long offset, int whence);
long long _ftelli64(FILE *f);
/* _flushall: every stream flushed; how many are open. _fcloseall: every
 * stream but stdin, stdout and stderr closed; how many (EOF if one failed).
 * _rmtmp: tmpfile's streams closed (so deleted); how many. fflush(NULL)
 * flushes every stream. */
int _flushall(void);
int _fcloseall(void);
int _rmtmp(void);
int flushall(void);
int fcloseall(void);
int rmtmp(void);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);
/* "s: message\n" (or "message\n" for NULL or "") for errno, to stderr. */
void perror(const char *s);

/* Into a buffer. sprintf and vsprintf trust it. Microsoft's _snprintf and
 * _vsnprintf write at most size characters: the length, or -1 when the text
 * did not fit (then buf holds size characters and no NUL). The _s forms
 * always terminate: sprintf_s fails (invalid-parameter handler, -1, buf[0] =
 * 0) when the text does not fit; _snprintf_s with count _TRUNCATE cuts it to
 * size - 1 and returns -1. _scprintf counts without writing. */
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vsprintf(char *buf, const char *fmt, va_list ap);
int _snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int _vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int sprintf_s(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsprintf_s(char *buf, size_t size, const char *fmt, va_list ap);
int _snprintf_s(char *buf, size_t size, size_t count, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int _vsnprintf_s(char *buf, size_t size, size_t count, const char *fmt, va_list ap);
int _scprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int _vscprintf(const char *fmt, va_list ap);
int printf_s(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf_s(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
/* %n (every printf form, narrow and wide) is off, as in Microsoft's UCRT: it
 * goes to the invalid-parameter handler and the call returns -1 (EINVAL).
 * _set_printf_count_output(nonzero) makes it store the count so far (its
 * length as for d: hh, h, ll/I64, else int); both return the setting before
 * (_get: the setting). */
int _set_printf_count_output(int enable);
int _get_printf_count_output(void);

/* Scanning (C99's conversions: d i u o x X e f g a s c [ ] p n %, the
 * lengths hh h l ll L j z t and Microsoft's I64, * to skip): the count of
 * items assigned, or EOF when the input ended before the first. The _s
 * forms take a size (unsigned) after each %s %c %[ buffer. */
int sscanf(const char *s, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int vsscanf(const char *s, const char *fmt, va_list ap);
int fscanf(FILE *f, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
int vfscanf(FILE *f, const char *fmt, va_list ap);
int scanf(const char *fmt, ...) __attribute__((format(scanf, 1, 2)));
int vscanf(const char *fmt, va_list ap);
int sscanf_s(const char *s, const char *fmt, ...);
int fscanf_s(FILE *f, const char *fmt, ...);
int scanf_s(const char *fmt, ...);

VADOS_END_DECLS

#endif
