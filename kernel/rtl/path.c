/* Win32 path resolution: see kernel/rtl/path.h. */
#include "kernel/rtl/path.h"
#include <stdbool.h>

static bool is_sep(char c)
{
	return c == '\\' || c == '/';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* The full path being built. Past RTL_PATH_WORK characters it is only
 * counted: such a path is too long for any call, whatever ".." follows. */
struct builder {
	char *buf;                      /* RTL_PATH_WORK characters */
	size_t len;
	bool overflow;
};

static void put(struct builder *b, char c)
{
	if (b->len < RTL_PATH_WORK)
		b->buf[b->len] = c;
	else
		b->overflow = true;
	b->len++;
}

/* Drops the last component (never the "X:\" root). */
static void pop(struct builder *b)
{
	if (b->len <= 3 || b->overflow)
		return;
	b->len--;
	while (b->len > 3 && b->buf[b->len - 1] != '\\')
		b->len--;
	if (b->len > 3)
		b->len--;               /* the separator before the dropped component */
}

/* Appends the components of s (separators, ".", ".." and trailing dots and
 * spaces handled) to b, which ends with '\'. */
static void append(struct builder *b, const char *s)
{
	while (*s) {
		const char *start, *end;

		while (is_sep(*s))
			s++;
		start = s;
		while (*s && !is_sep(*s))
			s++;
		end = s;
		if (end - start == 1 && start[0] == '.')
			continue;
		if (end - start == 2 && start[0] == '.' && start[1] == '.') {
			pop(b);
			continue;
		}
		while (end > start && (end[-1] == '.' || end[-1] == ' '))
			end--;
		if (end == start)
			continue;
		if (b->len > 3)
			put(b, '\\');
		while (start < end)
			put(b, *start++);
	}
}

size_t rtl_device_prefix(const char *path)
{
	return is_sep(path[0]) && is_sep(path[1]) && (path[2] == '?' || path[2] == '.') &&
			       is_sep(path[3]) && is_letter(path[4]) && path[5] == ':' &&
			       is_sep(path[6])
		       ? 4
		       : 0;
}

size_t rtl_full_path(const char *cwd, const char *path, char out[RTL_PATH_WORK])
{
	struct builder b = { out, 0, false };
	bool drive;
	const char *rest;
	size_t n = 0;

	path += rtl_device_prefix(path);
	drive = is_letter(path[0]) && path[1] == ':';
	rest = drive ? path + 2 : path;
	if (!path[0] || (is_sep(path[0]) && is_sep(path[1])))
		return 0;
	put(&b, upper(drive ? path[0] : cwd[0]));
	put(&b, ':');
	put(&b, '\\');
	/* A relative path (or "C:x" on the current drive) starts at cwd. */
	if (!is_sep(rest[0]) && (!drive || upper(path[0]) == upper(cwd[0])))
		append(&b, cwd + 2);
	append(&b, rest);
	while (rest[n])
		n++;
	if (n && is_sep(rest[n - 1]) && b.len > 3)
		put(&b, '\\');
	if (b.len < RTL_PATH_WORK)
		out[b.len] = '\0';
	else
		out[0] = '\0';
	return b.len;
}
