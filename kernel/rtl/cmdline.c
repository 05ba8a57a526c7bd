/* Kernel command-line parsing; see kernel/rtl/cmdline.h. */
#include <stdbool.h>
#include "kernel/rtl/cmdline.h"
#include "kernel/rtl/format.h"
#include "kernel/rtl/string.h"

#define WORD_MAX 128

struct option {
	const char *name;
	/* Applies value (NULL when the word had no '='); false if malformed. */
	bool (*apply)(struct kernel_options *opt, const char *value);
};

/* A test or program name: [a-z0-9_-], fitting CMDLINE_NAME_MAX. */
static bool copy_name(char *dst, const char *value)
{
	size_t n;

	if (!value || (n = strlen(value)) == 0 || n >= CMDLINE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = value[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	memcpy(dst, value, n + 1);
	return true;
}

static bool opt_test(struct kernel_options *opt, const char *value)
{
	return copy_name(opt->test, value);
}

static bool opt_run(struct kernel_options *opt, const char *value)
{
	return copy_name(opt->run, value);
}

/* Which of two words value is: 0 for first, 1 for second, -1 for neither
 * (or no value). */
static int one_of(const char *value, const char *first, const char *second)
{
	if (value && strcmp(value, first) == 0)
		return 0;
	return value && strcmp(value, second) == 0 ? 1 : -1;
}

static bool opt_panic(struct kernel_options *opt, const char *value)
{
	int which = one_of(value, "halt", "exit");

	if (which >= 0)
		opt->panic = which ? PANIC_EXIT : PANIC_HALT;
	return which >= 0;
}

/* SIZE is decimal with an optional K, M or G suffix: mem=16M. */
static bool opt_mem(struct kernel_options *opt, const char *value)
{
	uint64_t n = 0, max = 4ull << 30;
	unsigned shift = 0;
	const char *p = value;

	if (!value || *p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (uint64_t)(*p - '0');
		if (n > max)
			return false;
	}
	switch (*p) {
	case 'K': case 'k': shift = 10; p++; break;
	case 'M': case 'm': shift = 20; p++; break;
	case 'G': case 'g': shift = 30; p++; break;
	default: break;
	}
	/* Range-check before shifting, so a huge number cannot wrap into range. */
	if (*p != '\0' || n > max >> shift)
		return false;
	n <<= shift;
	if (n < CMDLINE_MEM_MIN)
		return false;
	opt->mem_bytes = n;
	return true;
}

/* verbose (no value): the boot lists the memory map and every module. */
static bool opt_verbose(struct kernel_options *opt, const char *value)
{
	if (value)
		return false;
	opt->verbose = true;
	return true;
}

/* aslr=on (the default) or aslr=off (address-space layout randomization). */
static bool opt_aslr(struct kernel_options *opt, const char *value)
{
	int which = one_of(value, "on", "off");

	if (which >= 0)
		opt->aslr_off = which == 1;
	return which >= 0;
}

/* lockcheck=on (the default) or lockcheck=off (kernel/ke/lock.h's run-time
 * checks: make bench's boots). */
static bool opt_lockcheck(struct kernel_options *opt, const char *value)
{
	int which = one_of(value, "on", "off");

	if (which >= 0)
		opt->lockcheck_off = which == 1;
	return which >= 0;
}

static const struct option options[] = {
	{ "test", opt_test },
	{ "verbose", opt_verbose },
	{ "panic", opt_panic },
	{ "mem", opt_mem },
	{ "run", opt_run },
	{ "aslr", opt_aslr },
	{ "lockcheck", opt_lockcheck },
};

static void note_bad(char *bad, size_t badsize, const char *word, const char *why)
{
	size_t len;

	if (badsize == 0)
		return;
	len = strlen(bad);
	if (len < badsize)
		ksnprintf(bad + len, badsize - len, "%s'%s' (%s)", len ? " " : "", word, why);
}

/* Copies src into dst[size]; false (dst emptied) when it does not fit. */
static bool strlcpy_checked(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (n >= size) {
		dst[0] = '\0';
		return false;
	}
	memcpy(dst, src, n + 1);
	return true;
}

/* Applies one word; returns false (and notes why) if it is rejected. */
static bool apply_word(struct kernel_options *opt, char *word, char *bad,
		       size_t badsize)
{
	char *eq = strchr(word, '=');
	const char *value = NULL;

	if (eq) {
		*eq = '\0';
		value = eq + 1;
	}
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (strcmp(word, options[i].name) != 0)
			continue;
		if (options[i].apply(opt, value))
			return true;
		if (eq)
			*eq = '=';
		note_bad(bad, badsize, word, "malformed");
		return false;
	}
	if (eq)
		*eq = '=';
	note_bad(bad, badsize, word, "unknown");
	return false;
}

int cmdline_parse(const char *cmdline, struct kernel_options *opt, char *bad,
		  size_t badsize)
{
	char word[WORD_MAX];
	int rejected = 0;

	memset(opt, 0, sizeof(*opt));
	opt->panic = PANIC_HALT;
	if (badsize)
		bad[0] = '\0';
	while (*cmdline) {
		size_t n = 0;
		while (*cmdline == ' ' || *cmdline == '\t')
			cmdline++;
		while (cmdline[n] && cmdline[n] != ' ' && cmdline[n] != '\t')
			n++;
		if (n == 0)
			break;
		if (n == 2 && cmdline[0] == '-' && cmdline[1] == '-') {
			for (cmdline += 2; *cmdline == ' ' || *cmdline == '\t'; cmdline++)
				;
			if (strlcpy_checked(opt->run_args, cmdline, sizeof(opt->run_args)))
				break;
			note_bad(bad, badsize, "-- (arguments too long)", "malformed");
			rejected++;
			break;
		}
		if (n >= sizeof(word)) {
			note_bad(bad, badsize, "(over-long word)", "malformed");
			rejected++;
		} else {
			memcpy(word, cmdline, n);
			word[n] = '\0';
			rejected += !apply_word(opt, word, bad, badsize);
		}
		cmdline += n;
	}
	return rejected;
}
