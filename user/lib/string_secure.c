/* Microsoft's secure string and memory copies (<string.h>): every failure
 * goes through the invalid-parameter handler (crt_thread.h) and leaves the
 * documented destination state. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "crt_thread.h"

/* A failure that first empties the destination string. */
static errno_t fail_empty(char *dst, errno_t err)
{
	dst[0] = '\0';
	crt_invalid_parameter();
	errno = err;
	return err;
}

errno_t memcpy_s(void *dst, rsize_t size, const void *src, rsize_t count)
{
	if (!count)
		return 0;
	if (!dst)
		return crt_invalid_parameter();
	if (!src || size < count) {
		memset(dst, 0, size);
		crt_invalid_parameter();
		errno = src ? ERANGE : EINVAL;
		return errno;
	}
	memcpy(dst, src, count);
	return 0;
}

errno_t memmove_s(void *dst, rsize_t size, const void *src, rsize_t count)
{
	if (!count)
		return 0;
	if (!dst || !src)
		return crt_invalid_parameter();
	if (size < count) {
		crt_invalid_parameter();
		return errno = ERANGE;
	}
	memmove(dst, src, count);
	return 0;
}

/* Appends at most count characters of src to dst[0..at) within size:
 * the shared body of the copies and concatenations. */
static errno_t put_within(char *dst, rsize_t size, size_t at, const char *src, rsize_t count)
{
	size_t n = strnlen(src, count);

	if (at + n < size) {
		memcpy(dst + at, src, n);
		dst[at + n] = '\0';
		return 0;
	}
	if (count == _TRUNCATE) {
		memcpy(dst + at, src, size - 1 - at);
		dst[size - 1] = '\0';
		return STRUNCATE;
	}
	return fail_empty(dst, ERANGE);
}

errno_t strcpy_s(char *dst, rsize_t size, const char *src)
{
	if (!dst || !size)
		return crt_invalid_parameter();
	if (!src)
		return fail_empty(dst, EINVAL);
	return put_within(dst, size, 0, src, (rsize_t)-2);
}

errno_t strncpy_s(char *dst, rsize_t size, const char *src, rsize_t count)
{
	if (!count && !dst && !size)
		return 0;
	if (!dst || !size)
		return crt_invalid_parameter();
	if (!count) {
		dst[0] = '\0';
		return 0;
	}
	if (!src)
		return fail_empty(dst, EINVAL);
	return put_within(dst, size, 0, src, count);
}

errno_t strcat_s(char *dst, rsize_t size, const char *src)
{
	return strncat_s(dst, size, src, (rsize_t)-2);
}

errno_t strncat_s(char *dst, rsize_t size, const char *src, rsize_t count)
{
	size_t at;

	if (!count && !dst && !size)
		return 0;
	if (!dst || !size)
		return crt_invalid_parameter();
	if (!src && count)
		return fail_empty(dst, EINVAL);
	at = strnlen(dst, size);
	if (at == size)                 /* dst is not a string within size */
		return fail_empty(dst, EINVAL);
	return count ? put_within(dst, size, at, src, count) : 0;
}

size_t strnlen_s(const char *s, size_t max)
{
	return s ? strnlen(s, max) : 0;
}

static errno_t change_case(char *s, size_t size, int (*to)(int))
{
	size_t n;

	if (!s)
		return crt_invalid_parameter();
	n = strnlen(s, size);
	if (n == size)
		return fail_empty(s, EINVAL);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)to((unsigned char)s[i]);
	return 0;
}

errno_t _strlwr_s(char *s, size_t size) { return change_case(s, size, tolower); }
errno_t _strupr_s(char *s, size_t size) { return change_case(s, size, toupper); }
