/* The vados C library: strings and memory. The kernel's own implementations
 * (kernel/rtl/string.c is compiled into the library), then the rest of C's
 * and Microsoft's (user/lib/string_crt.c, string_secure.c). */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS
#include "kernel/rtl/string.h"

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif

char *strncat(char *dst, const char *src, size_t n);
size_t strnlen(const char *s, size_t max);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
int strcoll(const char *a, const char *b);              /* "C" locale: strcmp */
size_t strxfrm(char *dst, const char *src, size_t n);
void *memccpy(void *dst, const void *src, int c, size_t n);
void *_memccpy(void *dst, const void *src, int c, size_t n);
/* strtok keeps its place per thread, as Microsoft's; strtok_s and strtok_r
 * keep it in *context. */
char *strtok(char *s, const char *delim);
char *strtok_s(char *s, const char *delim, char **context);
char *strtok_r(char *s, const char *delim, char **context);
/* Copies on the C library's heap (free them); NULL for NULL. */
char *strdup(const char *s);
char *_strdup(const char *s);
char *strndup(const char *s, size_t n);
/* Case-insensitive comparisons (ASCII letters compared as lower case). */
int _stricmp(const char *a, const char *b);
int _strnicmp(const char *a, const char *b, size_t n);
int _strcmpi(const char *a, const char *b);
int stricmp(const char *a, const char *b);
int strnicmp(const char *a, const char *b, size_t n);
int strcmpi(const char *a, const char *b);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int _memicmp(const void *a, const void *b, size_t n);
int memicmp(const void *a, const void *b, size_t n);
/* In place; they return s. */
char *_strupr(char *s);
char *_strlwr(char *s);
char *strupr(char *s);
char *strlwr(char *s);
char *_strrev(char *s);
char *strrev(char *s);
char *_strset(char *s, int c);
char *_strnset(char *s, int c, size_t n);
/* Microsoft's messages for errno values ("Unknown error" past them); the
 * returned string is the library's. */
char *strerror(int err);
char *_strerror(const char *prefix);

/* Microsoft's secure forms: 0, or an errno_t after the invalid-parameter
 * handler ran (EINVAL for NULL or a zero size, ERANGE for too small a
 * destination), with dst[0] = 0 where dst was given (memcpy_s clears dst). */
errno_t memcpy_s(void *dst, rsize_t size, const void *src, rsize_t count);
errno_t memmove_s(void *dst, rsize_t size, const void *src, rsize_t count);
errno_t strcpy_s(char *dst, rsize_t size, const char *src);
errno_t strcat_s(char *dst, rsize_t size, const char *src);
/* count may be _TRUNCATE: as much as fits, then STRUNCATE. */
errno_t strncpy_s(char *dst, rsize_t size, const char *src, rsize_t count);
errno_t strncat_s(char *dst, rsize_t size, const char *src, rsize_t count);
size_t strnlen_s(const char *s, size_t max);            /* 0 for NULL */
errno_t strerror_s(char *buf, size_t size, int err);
errno_t _strlwr_s(char *s, size_t size);
errno_t _strupr_s(char *s, size_t size);
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif

VADOS_END_DECLS

#endif
