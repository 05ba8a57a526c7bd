/* The C runtime's per-thread state (Microsoft's per-thread data): errno,
 * strtok's place, gmtime's and asctime's buffers, rand's seed, the pointer
 * checks' probe in progress. It lives in
 * the calling thread's TEB, at 0x800 in the part vados leaves unused (NT's
 * GDI batch area), so a new thread starts with it zeroed and no allocation
 * can fail. Also the C library's invalid-parameter rule and its mapping of
 * Win32 errors to errno. */
#ifndef USER_LIB_CRT_THREAD_H
#define USER_LIB_CRT_THREAD_H

#include <stdarg.h>
#include <time.h>
#include <windows.h>

struct crt_thread {
	int err;                        /* errno */
	unsigned long doserr;           /* _doserrno */
	char *strtok_next;              /* strtok's place in its string */
	unsigned int rand_next;         /* rand's state, less 1 (so zero is seed 1) */
	struct tm tm;                   /* gmtime's and localtime's result */
	char asctime[26];               /* asctime's and ctime's result */
	HANDLE own_handle;              /* a _beginthread thread's, closed as it ends */
	void *probe;                    /* IsBadReadPtr's probe in progress (probe.c) */
};

#define CRT_THREAD_OFFSET 0x800
VADOS_STATIC_ASSERT(sizeof(struct crt_thread) <= 0x100, "the CRT's part of the TEB");

static inline struct crt_thread *crt_thread(void)
{
	return (struct crt_thread *)((char *)NtCurrentTeb() + CRT_THREAD_OFFSET);
}

/* Reports an invalid parameter as Microsoft's C library does: the handler
 * _set_invalid_parameter_handler installed runs (with NULL details, as in a
 * release build) and the caller then fails with EINVAL; with none, the
 * process ends with STATUS_INVALID_CRUNTIME_PARAMETER. Sets errno = EINVAL
 * and returns EINVAL. */
int crt_invalid_parameter(void);

/* fmt_vformat_crt (kernel/rtl/format.h) with _set_printf_count_output's
 * setting: a %n it refuses goes to the invalid-parameter handler, -1. */
int crt_vformat(void (*emit)(void *ctx, char c), void *ctx, const char *fmt, va_list ap);
/* _get_printf_count_output's: nonzero when %n stores its count. */
int crt_count_output(void);

/* Sets errno from a Win32 error (_dosmaperr's table) and _doserrno to it. */
void crt_set_errno_from_win32(unsigned long error);
/* The C runtime's usual failure after a Win32 call: errno and _doserrno
 * from GetLastError(), and -1 to return. */
int crt_fail_last_error(void);

#endif
