/* Environment blocks; see user/lib/envblock.h. */
#include "user/lib/envblock.h"

static char fold(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* strlen, here without the C library (host tests and the SDK alike). */
static size_t length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t envb_size(const char *block)
{
	const char *p = block;

	while (*p)
		p += length(p) + 1;
	return (size_t)(p - block) + 1 + (p == block);
}

int envb_name_valid(const char *name)
{
	if (!name[0])
		return 0;
	for (const char *p = name + 1; *p; p++)
		if (*p == '=')
			return 0;
	return 1;
}

size_t envb_name_length(const char *entry)
{
	size_t n = 1;

	if (!entry[0])
		return 0;
	while (entry[n] && entry[n] != '=')
		n++;
	return n;
}

/* Compares name (n characters) with entry's name, case folded: <0, 0, >0. */
static int compare(const char *name, size_t n, const char *entry)
{
	size_t m = envb_name_length(entry);

	for (size_t i = 0; i < n && i < m; i++)
		if (fold(name[i]) != fold(entry[i]))
			return fold(name[i]) < fold(entry[i]) ? -1 : 1;
	return n == m ? 0 : n < m ? -1 : 1;
}

/* The entry of block whose name is name's n characters, or NULL. */
static const char *find(const char *block, const char *name, size_t n)
{
	for (const char *p = block; *p; p += length(p) + 1)
		if (compare(name, n, p) == 0)
			return p;
	return NULL;
}

const char *envb_find(const char *block, const char *name)
{
	size_t n = length(name);
	const char *e = find(block, name, n);

	return e && e[n] == '=' ? e + n + 1 : e ? e + n : NULL;
}

/* Appends s (n bytes) at out + *at. */
static void put(char *out, size_t *at, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[(*at)++] = s[i];
}

size_t envb_set(const char *block, const char *name, const char *value, char *out)
{
	size_t n = length(name), at = 0;
	int placed = value == NULL;

	for (const char *p = block; *p; p += length(p) + 1) {
		int c = compare(name, n, p);

		if (!placed && c <= 0) {
			put(out, &at, name, n);
			put(out, &at, "=", 1);
			put(out, &at, value, length(value) + 1);
			placed = 1;
		}
		if (c != 0)
			put(out, &at, p, length(p) + 1);
	}
	if (!placed) {
		put(out, &at, name, n);
		put(out, &at, "=", 1);
		put(out, &at, value, length(value) + 1);
	}
	if (at == 0)
		out[at++] = '\0';       /* an empty block is two NULs */
	out[at++] = '\0';
	return at;
}

size_t envb_expand(const char *block, const char *src, char *dst, size_t size)
{
	size_t at = 0;

	while (*src) {
		const char *end = *src == '%' ? src + 1 : NULL, *entry = NULL, *from = src;
		size_t n = 1;

		while (end && *end && *end != '%')
			end++;
		if (end && *end == '%' && end > src + 1 &&
		    (entry = find(block, src + 1, (size_t)(end - src - 1))) != NULL) {
			size_t name = envb_name_length(entry);

			from = entry + name + (entry[name] == '=');
			n = length(from);
			src = end + 1;
		} else {
			src++;
		}
		for (size_t i = 0; i < n; i++, at++)
			if (at < size)
				dst[at] = from[i];
	}
	if (at < size)
		dst[at] = '\0';
	return at + 1;
}
