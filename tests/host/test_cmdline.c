/* Host unit tests for kernel/rtl/cmdline.c: option parsing and the description of
 * rejected words. */
#include <stdlib.h>
#include "kernel/rtl/cmdline.h"

/* The tests snprintf words built by repeat() (a 1 KiB buffer) into smaller
 * buffers on purpose; gcc cannot see that the strings are shorter. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

#include "tests/host/check.h"
#include "tests/host/isolate.h"

#define BAD_MAX 512

/* One parse with a roomy bad buffer. opt starts as garbage, so every field the
 * parser leaves alone shows up. */
struct parsed {
	struct kernel_options opt;
	char bad[BAD_MAX];
	int rejected;
};

static struct parsed parse(const char *cmdline)
{
	struct parsed p;

	memset(&p, 0xa5, sizeof(p));
	p.rejected = cmdline_parse(cmdline, &p.opt, p.bad, sizeof(p.bad));
	return p;
}

/* A string of n copies of c (static storage: one live result at a time). */
static const char *repeat(char c, size_t n)
{
	static char buf[1024];

	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

/* ---- defaults ------------------------------------------------------------ */

TEST(empty_cmdline_gives_defaults)
{
	struct parsed p = parse("");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
	CHECK_STR(p.opt.test, "");
	CHECK_STR(p.bad, "");
}

TEST(blank_cmdline_gives_defaults)
{
	struct parsed p = parse("  \t \t  ");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
	CHECK_STR(p.opt.test, "");
	CHECK_STR(p.bad, "");
}

TEST(whole_options_struct_reset)
{
	struct parsed p = parse("panic=exit");
	struct kernel_options expect;

	memset(&expect, 0, sizeof(expect));
	expect.panic = PANIC_EXIT;
	CHECK(memcmp(&p.opt, &expect, sizeof(expect)) == 0);
}

/* ---- test=NAME ----------------------------------------------------------- */

TEST(verbose_is_a_bare_flag)
{
	struct parsed p = parse("verbose test=boot");

	CHECK_EQ_U(p.rejected, 0);
	CHECK(p.opt.verbose);
	CHECK(!parse("test=boot").opt.verbose);
	p = parse("verbose=1");
	CHECK_EQ_U(p.rejected, 1);
	CHECK(!p.opt.verbose);
	CHECK_STR(p.bad, "'verbose=1' (malformed)");
}

/* The flag at offset off of opt (an on/off option's: true for off). */
static bool flag_at(const struct kernel_options *opt, size_t off)
{
	return *(const bool *)((const char *)opt + off);
}

/* Option name takes on (the default, clearing the flag at off) or off (setting
 * it); the last word wins; a bare name or another value is malformed. */
static void check_on_off(const char *name, size_t off)
{
	char line[96], bad[96];
	struct parsed p;

	snprintf(line, sizeof(line), "%s=off run=x", name);
	p = parse(line);
	CHECK_EQ_U(p.rejected, 0);
	CHECK(flag_at(&p.opt, off));
	p = parse("run=x");
	CHECK(!flag_at(&p.opt, off));
	snprintf(line, sizeof(line), "%s=off %s=on", name, name);
	p = parse(line);
	CHECK(!flag_at(&p.opt, off));
	snprintf(line, sizeof(line), "%s %s=no", name, name);
	p = parse(line);
	CHECK_EQ_U(p.rejected, 2);
	CHECK(!flag_at(&p.opt, off));
	snprintf(bad, sizeof(bad), "'%s' (malformed) '%s=no' (malformed)", name, name);
	CHECK_STR(p.bad, bad);
}

TEST(aslr_is_on_or_off)
{
	check_on_off("aslr", offsetof(struct kernel_options, aslr_off));
}

TEST(lockcheck_is_on_or_off)
{
	check_on_off("lockcheck", offsetof(struct kernel_options, lockcheck_off));
}

TEST(test_name_accepted)
{
	struct parsed p = parse("test=page_fault");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_STR(p.opt.test, "page_fault");
	CHECK_STR(p.bad, "");
}

TEST(test_name_all_allowed_chars)
{
	struct parsed p = parse("test=az09-_x");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_STR(p.opt.test, "az09-_x");
}

TEST(test_name_longest_accepted)
{
	char word[64];
	struct parsed p;

	snprintf(word, sizeof(word), "test=%s", repeat('n', CMDLINE_NAME_MAX - 1));
	p = parse(word);
	CHECK_EQ_U(p.rejected, 0);
	CHECK_STR(p.opt.test, repeat('n', CMDLINE_NAME_MAX - 1));
}

TEST(test_name_too_long_malformed)
{
	char word[64], expect[96];
	struct parsed p;

	snprintf(word, sizeof(word), "test=%s", repeat('n', CMDLINE_NAME_MAX));
	snprintf(expect, sizeof(expect), "'%s' (malformed)", word);
	p = parse(word);
	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.opt.test, "");
	CHECK_STR(p.bad, expect);
}

TEST(test_name_bad_chars_malformed)
{
	static const char *const words[] = {
		"test=Upper", "test=a.b", "test=a/b", "test=a=b", "test=caf\xc3\xa9",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char expect[64];
		struct parsed p = parse(words[i]);

		snprintf(expect, sizeof(expect), "'%s' (malformed)", words[i]);
		CHECK_EQ_U(p.rejected, 1);
		CHECK_STR(p.opt.test, "");
		CHECK_STR(p.bad, expect);
	}
}

TEST(test_empty_value_malformed)
{
	struct parsed p = parse("test=");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, "'test=' (malformed)");
}

TEST(test_without_value_malformed)
{
	struct parsed p = parse("test");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, "'test' (malformed)");
}

/* ---- panic=halt|exit ------------------------------------------------------ */

TEST(panic_exit)
{
	struct parsed p = parse("panic=exit");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_EQ_U(p.opt.panic, PANIC_EXIT);
}

TEST(panic_halt)
{
	struct parsed p = parse("panic=halt");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
}

TEST(panic_bogus_malformed)
{
	struct parsed p = parse("panic=bogus");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
	CHECK_STR(p.bad, "'panic=bogus' (malformed)");
}

TEST(panic_value_case_sensitive)
{
	struct parsed p = parse("panic=EXIT");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
}

/* ---- unknown words -------------------------------------------------------- */

TEST(unknown_word)
{
	struct parsed p = parse("foo");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, "'foo' (unknown)");
}

TEST(unknown_word_with_value_shown_whole)
{
	struct parsed p = parse("quiet=1");

	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, "'quiet=1' (unknown)");
}

TEST(option_name_must_match_exactly)
{
	struct parsed p = parse("tests=a Panic=exit =halt");

	CHECK_EQ_U(p.rejected, 3);
	CHECK_STR(p.bad, "'tests=a' (unknown) 'Panic=exit' (unknown) '=halt' (unknown)");
	CHECK_STR(p.opt.test, "");
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
}

TEST(several_rejects_in_one_line)
{
	struct parsed p = parse("foo panic=x test=ok bar=1 test=A");

	CHECK_EQ_U(p.rejected, 4);
	CHECK_STR(p.bad, "'foo' (unknown) 'panic=x' (malformed) 'bar=1' (unknown) "
			 "'test=A' (malformed)");
	CHECK_STR(p.opt.test, "ok");
}

/* ---- separators and word length ------------------------------------------ */

TEST(spaces_and_tabs_separate_words)
{
	struct parsed p = parse("\t  test=one \t\tpanic=exit\t");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_STR(p.opt.test, "one");
	CHECK_EQ_U(p.opt.panic, PANIC_EXIT);
	CHECK_STR(p.bad, "");
}

TEST(longest_word_is_still_parsed)
{
	char expect[256];
	struct parsed p;

	snprintf(expect, sizeof(expect), "'%s' (unknown)", repeat('w', 127));
	p = parse(repeat('w', 127));
	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, expect);
}

TEST(over_long_word_rejected)
{
	char line[512];
	struct parsed p;

	snprintf(line, sizeof(line), "test=a %s panic=exit", repeat('w', 128));
	p = parse(line);
	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.bad, "'(over-long word)' (malformed)");
	CHECK_STR(p.opt.test, "a");             /* the words around it still count */
	CHECK_EQ_U(p.opt.panic, PANIC_EXIT);
}

TEST(over_long_option_value_rejected)
{
	char line[512];
	struct parsed p;

	snprintf(line, sizeof(line), "test=%s", repeat('t', 300));
	p = parse(line);
	CHECK_EQ_U(p.rejected, 1);
	CHECK_STR(p.opt.test, "");
}

TEST(cmdline_left_unchanged)
{
	char line[] = "test=x panic=bogus foo=bar";
	struct parsed p = parse(line);

	CHECK_EQ_U(p.rejected, 2);
	CHECK_STR(line, "test=x panic=bogus foo=bar");
}

/* ---- later words win ------------------------------------------------------ */

TEST(later_option_overrides_earlier)
{
	struct parsed p = parse("panic=exit test=first panic=halt test=second");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_EQ_U(p.opt.panic, PANIC_HALT);
	CHECK_STR(p.opt.test, "second");
}

TEST(rejected_value_keeps_earlier_setting)
{
	struct parsed p = parse("panic=exit test=good panic=nope test=BAD");

	CHECK_EQ_U(p.rejected, 2);
	CHECK_EQ_U(p.opt.panic, PANIC_EXIT);
	CHECK_STR(p.opt.test, "good");
}

/* ---- the bad buffer ------------------------------------------------------- */

/* Parses with a heap bad buffer of exactly badsize bytes, so ASan reports any
 * write past it. Returns the rejected count; the text goes to out. */
static int parse_small_bad(const char *cmdline, size_t badsize, char *out)
{
	struct kernel_options opt;
	char *bad = malloc(badsize);
	int rejected = cmdline_parse(cmdline, &opt, bad, badsize);

	memcpy(out, bad, badsize);
	free(bad);
	return rejected;
}

TEST(bad_buffer_truncated_and_terminated)
{
	char out[16];

	CHECK_EQ_U(parse_small_bad("foo bar", 10, out), 2);
	CHECK_STR(out, "'foo' (un");
}

TEST(bad_buffer_truncation_boundaries)
{
	/* "'foo' (unknown)" is 15 characters; then " 'bar' (unknown)". */
	static const char full[] = "'foo' (unknown) 'bar' (unknown)";

	for (size_t size = 1; size <= sizeof(full) + 4; size++) {
		char out[sizeof(full) + 8];
		size_t expect_len = size - 1 < strlen(full) ? size - 1 : strlen(full);

		CHECK_EQ_U(parse_small_bad("foo   bar", size, out), 2);
		CHECK_EQ_U(strlen(out), expect_len);
		CHECK(strncmp(out, full, expect_len) == 0);
	}
}

TEST(bad_buffer_size_one)
{
	char out[1];

	CHECK_EQ_U(parse_small_bad("foo panic=x test=Y", 1, out), 3);
	CHECK_EQ_U(out[0], '\0');
}

ISOLATED_TEST(bad_buffer_size_zero_untouched)
{
	/* badsize 0: nothing may be written to or read from bad, so NULL works. */
	struct kernel_options opt;

	CHECK_EQ_U(cmdline_parse("foo test=x", &opt, NULL, 0), 1);
	CHECK_STR(opt.test, "x");
}

TEST(bad_buffer_cleared_when_all_accepted)
{
	char bad[32];
	struct kernel_options opt;

	memcpy(bad, "stale text", 11);
	CHECK_EQ_U(cmdline_parse("test=a", &opt, bad, sizeof(bad)), 0);
	CHECK_STR(bad, "");
}

TEST(rejected_count_matches_words)
{
	char line[1024] = "";
	struct parsed p;

	for (int i = 0; i < 20; i++)
		strcat(line, i % 2 ? "x " : "panic=q ");
	strcat(line, "test=ok");
	p = parse(line);
	CHECK_EQ_U(p.rejected, 20);
	CHECK_STR(p.opt.test, "ok");
}

TEST(mem_sizes_with_suffixes)
{
	CHECK_EQ_U(parse("mem=16M").opt.mem_bytes, 16ull << 20);
	CHECK_EQ_U(parse("mem=8m").opt.mem_bytes, 8ull << 20);
	CHECK_EQ_U(parse("mem=4096K").opt.mem_bytes, 4ull << 20);
	CHECK_EQ_U(parse("mem=4G").opt.mem_bytes, 4ull << 30);
	CHECK_EQ_U(parse("mem=8388608").opt.mem_bytes, 8ull << 20);
	CHECK_EQ_U(parse("").opt.mem_bytes, 0);
}

TEST(mem_malformed)
{
	static const char *const bad[] = { "mem=3M", "mem=5G", "mem=12X", "mem=",
					   "mem", "mem=0x1000000", "mem=16MB",
					   "mem=99999999999999999999", "mem=17179869185G",
					   "mem=4097M", "mem=5000000K" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct parsed p = parse(bad[i]);
		CHECK_EQ_U(p.rejected, 1);
		CHECK_EQ_U(p.opt.mem_bytes, 0);
		CHECK(strstr(p.bad, "(malformed)") != NULL);
	}
}

TEST(double_dash_ends_options)
{
	struct parsed p = parse("run=hello -- a  b=c -- d");

	CHECK_EQ_U(p.rejected, 0);
	CHECK_STR(p.opt.run, "hello");
	CHECK_STR(p.opt.run_args, "a  b=c -- d");
	CHECK_STR(parse("run=x --").opt.run_args, "");
	CHECK_STR(parse("a--b").opt.run_args, "");
}

int main(void)
{
	RUN("host/cmdline", empty_cmdline_gives_defaults);
	RUN("cmdline", verbose_is_a_bare_flag);
	RUN("host/cmdline", aslr_is_on_or_off);
	RUN("host/cmdline", lockcheck_is_on_or_off);
	RUN("host/cmdline", blank_cmdline_gives_defaults);
	RUN("host/cmdline", whole_options_struct_reset);
	RUN("host/cmdline", test_name_accepted);
	RUN("host/cmdline", test_name_all_allowed_chars);
	RUN("host/cmdline", test_name_longest_accepted);
	RUN("host/cmdline", test_name_too_long_malformed);
	RUN("host/cmdline", test_name_bad_chars_malformed);
	RUN("host/cmdline", test_empty_value_malformed);
	RUN("host/cmdline", test_without_value_malformed);
	RUN("host/cmdline", panic_exit);
	RUN("host/cmdline", panic_halt);
	RUN("host/cmdline", panic_bogus_malformed);
	RUN("host/cmdline", panic_value_case_sensitive);
	RUN("host/cmdline", unknown_word);
	RUN("host/cmdline", unknown_word_with_value_shown_whole);
	RUN("host/cmdline", option_name_must_match_exactly);
	RUN("host/cmdline", several_rejects_in_one_line);
	RUN("host/cmdline", spaces_and_tabs_separate_words);
	RUN("host/cmdline", longest_word_is_still_parsed);
	RUN("host/cmdline", over_long_word_rejected);
	RUN("host/cmdline", over_long_option_value_rejected);
	RUN("host/cmdline", cmdline_left_unchanged);
	RUN("host/cmdline", later_option_overrides_earlier);
	RUN("host/cmdline", rejected_value_keeps_earlier_setting);
	RUN("host/cmdline", bad_buffer_truncated_and_terminated);
	RUN("host/cmdline", bad_buffer_truncation_boundaries);
	RUN("host/cmdline", bad_buffer_size_one);
	RUN("host/cmdline", bad_buffer_size_zero_untouched);
	RUN("host/cmdline", bad_buffer_cleared_when_all_accepted);
	RUN("host/cmdline", rejected_count_matches_words);
	RUN("host/cmdline", mem_sizes_with_suffixes);
	RUN("host/cmdline", mem_malformed);
	RUN("host/cmdline", double_dash_ends_options);
	return check_summary();
}
