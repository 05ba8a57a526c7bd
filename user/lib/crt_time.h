/* time_t and FILETIME, one from the other (the C library's files and
 * clock: crt_files.c, crt_stat.c, time_crt.c). */
#ifndef USER_LIB_CRT_TIME_H
#define USER_LIB_CRT_TIME_H

#include <windows.h>

#define EPOCH_FILETIME 116444736000000000ull    /* 1970-01-01 in 100 ns since 1601 */

/* Seconds since 1970 of a FILETIME; -1 for none (zero) or before 1970. */
static inline long long crt_seconds_of(const FILETIME *ft)
{
	unsigned long long v = ((unsigned long long)ft->dwHighDateTime << 32) | ft->dwLowDateTime;

	return v < EPOCH_FILETIME ? -1 : (long long)((v - EPOCH_FILETIME) / 10000000ull);
}

/* The FILETIME of t seconds since 1970 (t >= 0). */
static inline FILETIME crt_filetime_of(long long t)
{
	unsigned long long v = (unsigned long long)t * 10000000ull + EPOCH_FILETIME;

	return (FILETIME){ (DWORD)v, (DWORD)(v >> 32) };
}

#endif
