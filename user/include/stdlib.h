/* The vados C library: process control, memory, conversions, random numbers,
 * sorting and searching, with Microsoft's C runtime's additions and values. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include <stdint.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fff
#define MB_CUR_MAX   1
#define _MAX_PATH    260
#define _MAX_DRIVE   3
#define _MAX_DIR     256
#define _MAX_FNAME   256
#define _MAX_EXT     256
#define _MAX_ENV     32767
#define _MAX_ITOSTR_BASE10_COUNT   12   /* the buffer _itoa_s needs in base 10 */
#define _MAX_ULTOSTR_BASE16_COUNT  9
#ifndef _countof
#define _countof(a)  (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __cplusplus
#define __max(a, b)  (((a) > (b)) ? (a) : (b))
#define __min(a, b)  (((a) < (b)) ? (a) : (b))
#endif

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

/* exit runs the atexit functions and C++ static destructors (newest first),
 * then ends the process; _Exit, _exit and abort (status 3) end it at once
 * (abort first raises SIGABRT, <signal.h>). */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void _exit(int status);
__attribute__((noreturn)) void abort(void);
int atexit(void (*fn)(void));
/* The allocator (user/lib/malloc.c); a failure sets errno = ENOMEM. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
/* Microsoft's: realloc of n * size bytes whose growth reads zero (an
 * overflowing product: ENOMEM, p kept). Also in <malloc.h>. */
void *_recalloc(void *p, size_t n, size_t size);

int abs(int j);
long labs(long j);
long long llabs(long long j);
long long _abs64(long long j);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

/* Conversions: overflow gives the limit and errno = ERANGE. */
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long long _atoi64(const char *s);
double atof(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
long long _strtoi64(const char *s, char **end, int base);
unsigned long long _strtoui64(const char *s, char **end, int base);
intmax_t strtoimax(const char *s, char **end, int base);
double strtod(const char *s, char **end);
float strtof(const char *s, char **end);
long double strtold(const char *s, char **end);
/* Microsoft's integer-to-text: base 2..36, a '-' only in base 10 (_itoa,
 * _ltoa, _i64toa); they return buf. The _s forms check the buffer: EINVAL
 * or ERANGE (then buf[0] = 0) through the invalid-parameter handler. */
char *_itoa(int value, char *buf, int base);
char *_ltoa(long value, char *buf, int base);
char *_ultoa(unsigned long value, char *buf, int base);
char *_i64toa(long long value, char *buf, int base);
char *_ui64toa(unsigned long long value, char *buf, int base);
char *itoa(int value, char *buf, int base);
char *ltoa(long value, char *buf, int base);
char *ultoa(unsigned long value, char *buf, int base);
errno_t _itoa_s(int value, char *buf, size_t size, int base);
errno_t _ltoa_s(long value, char *buf, size_t size, int base);
errno_t _ultoa_s(unsigned long value, char *buf, size_t size, int base);
errno_t _i64toa_s(long long value, char *buf, size_t size, int base);
errno_t _ui64toa_s(unsigned long long value, char *buf, size_t size, int base);

/* Microsoft's rand: each thread's own seed (1 until srand), the LCG
 * seed * 214013 + 2531011, bits 16..30 of it. */
int rand(void);
void srand(unsigned int seed);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* The process's environment variable name (case-insensitive), or NULL; the
 * string stays until the environment next changes. */
char *getenv(const char *name);
/* "NAME=value" sets NAME (SetEnvironmentVariableA), "NAME=" removes it:
 * 0, or -1 with errno = EINVAL for a string without '='. */
int _putenv(const char *assignment);
int putenv(const char *assignment);
errno_t _putenv_s(const char *name, const char *value);
/* Runs command through the command interpreter (%COMSPEC% /c command; the
 * shell) and waits: the interpreter's exit code, or -1 with errno (ENOENT,
 * ENOEXEC, E2BIG, ENOMEM). NULL: nonzero when COMSPEC names a file or the
 * shell starts by name, else 0 with ENOENT. _wsystem: the same for a wide command (user/lib/crt_spawn.c). */
int system(const char *command);
int _wsystem(const wchar_t *command);

unsigned int _rotl(unsigned int value, int shift);
unsigned int _rotr(unsigned int value, int shift);
unsigned long _lrotl(unsigned long value, int shift);
unsigned long _lrotr(unsigned long value, int shift);
unsigned long long _rotl64(unsigned long long value, int shift);
unsigned long long _rotr64(unsigned long long value, int shift);
unsigned short _byteswap_ushort(unsigned short value);
unsigned long _byteswap_ulong(unsigned long value);
unsigned long long _byteswap_uint64(unsigned long long value);

/* The invalid-parameter handler of Microsoft's C library: the *_s calls
 * (and others, documented per call) that get a bad parameter call it, with
 * NULL details as a release build does, then fail with EINVAL; without one
 * the process ends (status 0xC0000409, as __fastfail). */
typedef void (*_invalid_parameter_handler)(const wchar_t *expression, const wchar_t *function,
					   const wchar_t *file, unsigned int line,
					   uintptr_t reserved);
_invalid_parameter_handler _set_invalid_parameter_handler(_invalid_parameter_handler handler);
_invalid_parameter_handler _get_invalid_parameter_handler(void);

/* File names (user/lib/crt_files.c). _fullpath: rel made absolute (NULL
 * or "": the current directory) in abs of size bytes, or in one malloc'd
 * when abs is NULL; NULL with errno ERANGE when it does not fit.
 * _splitpath: path's drive ("C:"), directory (up to its last \ or /), name
 * and extension (from the name's last '.'), each part to a buffer of
 * _MAX_DRIVE, _MAX_DIR, _MAX_FNAME or _MAX_EXT bytes, or NULL to skip it.
 * _makepath joins them, adding the ':', a '\' after a directory without
 * one and a '.' before an extension without one (user/lib/crt_pathparts.c).
 * The _s forms take each buffer's size in characters (a NULL buffer size
 * 0): 0, or EINVAL (NULL path, a size and buffer that disagree) or ERANGE
 * (a part too long: every buffer emptied) through the invalid-parameter
 * handler. */
char *_fullpath(char *abs, const char *rel, size_t size);
void _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext);
void _makepath(char *path, const char *drive, const char *dir, const char *fname,
	       const char *ext);
errno_t _splitpath_s(const char *path, char *drive, size_t drive_size, char *dir,
		     size_t dir_size, char *fname, size_t fname_size, char *ext, size_t ext_size);
errno_t _makepath_s(char *path, size_t size, const char *drive, const char *dir,
		    const char *fname, const char *ext);
void _wsplitpath(const wchar_t *path, wchar_t *drive, wchar_t *dir, wchar_t *fname,
		 wchar_t *ext);
void _wmakepath(wchar_t *path, const wchar_t *drive, const wchar_t *dir, const wchar_t *fname,
		const wchar_t *ext);
errno_t _wsplitpath_s(const wchar_t *path, wchar_t *drive, size_t drive_size, wchar_t *dir,
		      size_t dir_size, wchar_t *fname, size_t fname_size, wchar_t *ext,
		      size_t ext_size);
errno_t _wmakepath_s(wchar_t *path, size_t size, const wchar_t *drive, const wchar_t *dir,
		     const wchar_t *fname, const wchar_t *ext);

VADOS_END_DECLS

#include <errno.h>
#include "vados/stdlib_wide.h"

#endif
