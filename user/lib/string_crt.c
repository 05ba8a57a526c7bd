/* C's and Microsoft's string functions beyond the kernel's (<string.h>):
 * searching, tokens, copies on the heap, case (strerror.c: messages). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "crt_thread.h"

char *strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);

	for (; n && *src; n--)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

int strcoll(const char *a, const char *b) { return strcmp(a, b); }

size_t strxfrm(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (len < n)
		memcpy(dst, src, len + 1);
	return len;
}

void *memccpy(void *dst, const void *src, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n; n--) {
		*d = *s++;
		if (*d++ == (unsigned char)c)
			return d;
	}
	return NULL;
}

void *_memccpy(void *dst, const void *src, int c, size_t n) { return memccpy(dst, src, c, n); }

char *strtok_s(char *s, const char *delim, char **context)
{
	if (!delim || !context || (!s && !*context)) {
		crt_invalid_parameter();
		return NULL;
	}
	if (!s)
		s = *context;
	s += strspn(s, delim);
	if (!*s) {
		*context = s;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*context = end;
	return s;
}

char *strtok_r(char *s, const char *delim, char **context)
{
	if (!s && !*context)
		return NULL;
	return strtok_s(s, delim, context);
}

char *strtok(char *s, const char *delim)
{
	return strtok_r(s, delim, &crt_thread()->strtok_next);
}

char *strndup(const char *s, size_t n)
{
	char *copy;

	if (!s)
		return NULL;
	n = strnlen(s, n);
	copy = malloc(n + 1);
	if (copy) {
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	return copy;
}

char *strdup(const char *s) { return strndup(s, (size_t)-1); }
char *_strdup(const char *s) { return strndup(s, (size_t)-1); }

int _strnicmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

int _stricmp(const char *a, const char *b) { return _strnicmp(a, b, (size_t)-1); }
int _strcmpi(const char *a, const char *b) { return _stricmp(a, b); }
int stricmp(const char *a, const char *b) { return _stricmp(a, b); }
int strcmpi(const char *a, const char *b) { return _stricmp(a, b); }
int strcasecmp(const char *a, const char *b) { return _stricmp(a, b); }
int strnicmp(const char *a, const char *b, size_t n) { return _strnicmp(a, b, n); }
int strncasecmp(const char *a, const char *b, size_t n) { return _strnicmp(a, b, n); }

int _memicmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (tolower(*x) != tolower(*y))
			return tolower(*x) - tolower(*y);
	return 0;
}

int memicmp(const void *a, const void *b, size_t n) { return _memicmp(a, b, n); }

char *_strupr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

char *_strlwr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

char *strupr(char *s) { return _strupr(s); }
char *strlwr(char *s) { return _strlwr(s); }

char *_strrev(char *s)
{
	for (size_t i = 0, j = strlen(s); i + 1 < j; i++, j--) {
		char t = s[i];
		s[i] = s[j - 1];
		s[j - 1] = t;
	}
	return s;
}

char *strrev(char *s) { return _strrev(s); }

char *_strnset(char *s, int c, size_t n)
{
	for (char *p = s; n && *p; n--, p++)
		*p = (char)c;
	return s;
}

char *_strset(char *s, int c) { return _strnset(s, c, (size_t)-1); }
