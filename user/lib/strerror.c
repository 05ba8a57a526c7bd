/* errno's messages (<string.h>, <stdio.h>'s perror): Microsoft's texts. */
#include <errno.h>
#include <string.h>
#include "crt_thread.h"

/* Microsoft's _sys_errlist. */
static const char *const messages[] = {
	"No error", "Operation not permitted", "No such file or directory", "No such process",
	"Interrupted function call", "Input/output error", "No such device or address",
	"Arg list too long", "Exec format error", "Bad file descriptor", "No child processes",
	"Resource temporarily unavailable", "Not enough space", "Permission denied",
	"Bad address", "Unknown error", "Resource device", "File exists", "Improper link",
	"No such device", "Not a directory", "Is a directory", "Invalid argument",
	"Too many open files in system", "Too many open files",
	"Inappropriate I/O control operation", "Unknown error", "File too large",
	"No space left on device", "Invalid seek", "Read-only file system", "Too many links",
	"Broken pipe", "Domain error", "Result too large", "Unknown error",
	"Resource deadlock avoided", "Unknown error", "Filename too long", "No locks available",
	"Function not implemented", "Directory not empty", "Illegal byte sequence",
};

char *strerror(int err)
{
	if (err < 0 || err >= (int)(sizeof(messages) / sizeof(messages[0])))
		return (char *)"Unknown error";
	return (char *)messages[err];
}

errno_t strerror_s(char *buf, size_t size, int err)
{
	if (!buf || !size)
		return crt_invalid_parameter();
	strlcpy(buf, strerror(err), size);
	return 0;
}

/* "prefix: message\n" (or "message\n") for the current errno. */
char *_strerror(const char *prefix)
{
	static char text[128];
	const char *message = strerror(errno);

	if (prefix && *prefix)
		strlcpy(text, prefix, sizeof(text) - 64), strcat(text, ": ");
	else
		text[0] = '\0';
	strncat(text, message, sizeof(text) - strlen(text) - 2);
	strcat(text, "\n");
	return text;
}
