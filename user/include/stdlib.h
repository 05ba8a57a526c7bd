/* The vados C library: process control, memory, conversions, random numbers,
 * sorting. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     0x7fff

/* exit runs the atexit functions and C++ static destructors (newest first),
 * then ends the process; _Exit and abort (status 3) end it at once. */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void abort(void);
int atexit(void (*fn)(void));
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
int abs(int j);
long labs(long j);
int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int rand(void);
void srand(unsigned int seed);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* The process's environment variable name (case-insensitive), or NULL; the
 * string stays until the environment next changes. */
char *getenv(const char *name);

VADOS_END_DECLS

#include "vados/stdlib_wide.h"

#endif
