/* The Microsoft C runtime's command-line rules; see user/lib/argv.h. */
#include "user/lib/argv.h"

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The program name at *line: copied into out (NULL: only counted); returns
 * the characters it takes, and moves *line past it. The C runtime's drops
 * every quote and ends at a blank outside quotes; shell32's is what lies
 * between a leading quote and the next one, else all up to a blank, quotes
 * and backslashes kept. */
static size_t program_name(const char **line, char *out, enum argv_rules rules)
{
	const char *p = *line;
	size_t n = 0;
	int shell = rules == ARGV_SHELL32;
	int closes = shell && *p == '"', quoted = closes;

	for (p += closes; *p && (quoted || !blank(*p)); p++) {
		if (*p == '"' && closes) {
			p++;    /* shell32's quoted name ends at its quote */
			break;
		}
		if (*p == '"' && !shell) {
			quoted = !quoted;
			continue;
		}
		if (out)
			out[n] = *p;
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
static int split(const char *line, char **argv, char *buf, size_t *chars,
		 enum argv_rules rules)
{
	int argc = 0;
	size_t used = 0, n;

	n = program_name(&line, buf, rules);
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

void argv_measure(const char *line, size_t *words, size_t *chars, enum argv_rules rules)
{
	*words = (size_t)split(line, NULL, NULL, chars, rules);
}

int argv_split(const char *line, char **argv, char *buf, enum argv_rules rules)
{
	size_t chars;

	return split(line, argv, buf, &chars, rules);
}
