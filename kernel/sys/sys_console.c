/* Console system calls: writing and reading the serial console. */
#include "kernel/sys/syscalls.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/string.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

#define WRITE_CHUNK 256u

/* Copies [buf, buf + len) in chunks, passing each to out (NULL: just read);
 * false at the first unreadable byte. */
static bool each_chunk(uint32_t buf, uint32_t len, void (*out)(const char *, size_t))
{
	char chunk[WRITE_CHUNK];

	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		if (!copy_from_user(chunk, buf + done, n))
			return false;
		if (out)
			out(chunk, n);
		done += n;
	}
	return true;
}

/* The whole buffer is checked before a byte is written: a bad one fails the
 * call with nothing printed. */
struct sysret sys_write_console(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	if (a[1] > UACCESS_USER_END || !each_chunk(a[0], a[1], NULL) ||
	    !each_chunk(a[0], a[1], console_write))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, a[1] };
}

#define READ_CHUNK 128u

struct sysret sys_read_console(const uint32_t *a, struct trap_frame *f)
{
	char buf[READ_CHUNK];
	uint32_t max = a[1] & ~VADOS_READ_CONSOLE_NOWAIT;
	size_t n;

	(void)f;
	if (a[1] == 0)          /* the bytes waiting: _kbhit's question */
		return (struct sysret){ ERROR_SUCCESS, console_pending() };
	if (max == 0)
		return (struct sysret){ ERROR_SUCCESS, 0 };
	/* Check the whole buffer before blocking: a bad one fails now, not
	 * after the user has typed. */
	n = max < READ_CHUNK ? max : READ_CHUNK;
	memset(buf, 0, n);
	if (!copy_to_user(a[0], buf, n))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	n = console_read(buf, n, !(a[1] & VADOS_READ_CONSOLE_NOWAIT));
	if (!copy_to_user(a[0], buf, n))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, n };
}
