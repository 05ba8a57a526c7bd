/* The Microsoft C runtime's command-line rules; see user/lib/argv.h. */
#include "user/lib/argv.h"

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The program name at *line: copied into out (NULL: only counted); returns
 * the characters it takes, and moves *line past it. */
static size_t program_name(const char **line, char *out)
{
	const char *p = *line;
	size_t n = 0;
	int quoted = 0;

	for (; *p && (quoted || !blank(*p)); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (out)
			out[n++] = *p;
		else
			n++;
	}
	*line = p;
	return n;
}

/* One argument at *line (not blank): its characters into out (NULL: only
 * counted); returns how many, and moves *line past it. */
static size_t one_argument(const char **line, char *out)
{
	const char *p = *line;
	size_t n = 0, slashes;
	int quoted = 0, copy;

	for (;;) {
		copy = 1;
		for (slashes = 0; *p == '\\'; p++)
			slashes++;
		if (*p == '"') {
			if (slashes % 2 == 0) {
				if (quoted && p[1] == '"')
					p++;            /* "" inside quotes: a literal quote */
				else {
					copy = 0;
					quoted = !quoted;
				}
			}
			slashes /= 2;
		}
		for (; slashes; slashes--, n++)
			if (out)
				out[n] = '\\';
		if (!*p || (!quoted && blank(*p)))
			break;
		if (copy) {
			if (out)
				out[n] = *p;
			n++;
		}
		p++;
	}
	*line = p;
	return n;
}

/* The split itself; argv and buf NULL: only counts. */
static int split(const char *line, char **argv, char *buf, size_t *chars)
{
	int argc = 0;
	size_t used = 0, n;

	n = program_name(&line, buf);
	if (argv) {
		argv[argc] = buf;
		buf[n] = '\0';
	}
	argc++;
	used += n + 1;
	for (;;) {
		while (blank(*line))
			line++;
		if (!*line)
			break;
		n = one_argument(&line, buf ? buf + used : NULL);
		if (argv) {
			argv[argc] = buf + used;
			buf[used + n] = '\0';
		}
		argc++;
		used += n + 1;
	}
	if (argv)
		argv[argc] = NULL;
	*chars = used;
	return argc;
}

void argv_measure(const char *line, size_t *words, size_t *chars)
{
	*words = (size_t)split(line, NULL, NULL, chars);
}

int argv_split(const char *line, char **argv, char *buf)
{
	size_t chars;

	return split(line, argv, buf, &chars);
}
