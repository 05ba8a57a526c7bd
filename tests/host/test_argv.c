/* Host tests of user/lib/argv.c: Microsoft's documented examples of the C
 * runtime's command-line rules, argv[0]'s own rule (and shell32's), the "" rule inside
 * quotes, and the measure never falling short of the split. */
#include <stdlib.h>
#include <string.h>
#include "user/lib/argv.h"

#include "tests/host/check.h"

/* Splits line; returns argc, argv in *out (one malloc'd block: free it). */
static int split(const char *line, char ***out, enum argv_rules rules)
{
	size_t words, chars;
	char **argv;
	int argc;

	argv_measure(line, &words, &chars, rules);
	argv = malloc((words + 1) * sizeof(char *) + chars);
	argc = argv_split(line, argv, (char *)(argv + words + 1), rules);
	CHECK_EQ_U((size_t)argc, words);
	CHECK(words <= strlen(line) / 2 + 2);
	CHECK(chars <= strlen(line) + 1 + 1);
	*out = argv;
	return argc;
}

/* line splits into exactly the n strings of expect (argv[0] included). */
static void expect(const char *line, int n, const char *const *want, enum argv_rules rules)
{
	char **argv;
	int argc = split(line, &argv, rules);

	CHECK_EQ_U((unsigned)argc, (unsigned)n);
	for (int i = 0; i < n && i < argc; i++)
		CHECK_STR(argv[i], want[i]);
	CHECK(argv[argc] == NULL);
	free(argv);
}

#define EXPECT_AS(rules, line, ...) do {                                    \
		static const char *const want_[] = { __VA_ARGS__ };         \
		expect(line, (int)(sizeof(want_) / sizeof(want_[0])), want_, rules); \
	} while (0)
#define EXPECT(line, ...) EXPECT_AS(ARGV_CRT, line, __VA_ARGS__)

TEST(documented_examples)
{
	EXPECT("p \"a b c\" d e", "p", "a b c", "d", "e");
	EXPECT("p \"ab\\\"c\" \"\\\\\" d", "p", "ab\"c", "\\", "d");
	EXPECT("p a\\\\\\b d\"e f\"g h", "p", "a\\\\\\b", "de fg", "h");
	EXPECT("p a\\\\\\\"b c d", "p", "a\\\"b", "c", "d");
	EXPECT("p a\\\\\\\\\"b c\" d e", "p", "a\\\\b c", "d", "e");
}

TEST(shell32_program_name_ends_at_its_closing_quote_or_a_blank)
{
	EXPECT_AS(ARGV_SHELL32, "p\\\"q x", "p\\\"q", "x");
	EXPECT_AS(ARGV_SHELL32, "a\"b c\" d", "a\"b", "c d");
	EXPECT_AS(ARGV_SHELL32, "\"C:\\x y\\p.exe\"z w", "C:\\x y\\p.exe", "z", "w");
	EXPECT_AS(ARGV_SHELL32, "\"open", "open");
	EXPECT_AS(ARGV_SHELL32, "\"\" x", "", "x");
	EXPECT_AS(ARGV_CRT, "a\"b c\" d", "ab c", "d");
}

TEST(double_quote_inside_quotes_is_literal_and_stays_quoted)
{
	EXPECT("p a\"b\"\" c d", "p", "ab\" c d");
	EXPECT("p \"\"\"\"", "p", "\"");
	EXPECT("p \"a\"\"b\" c", "p", "a\"b", "c");
}

TEST(backslashes_alone_are_literal)
{
	EXPECT("p C:\\dir\\file.txt \\\\server\\", "p", "C:\\dir\\file.txt", "\\\\server\\");
	EXPECT("p \"C:\\dir with space\\\\\" x", "p", "C:\\dir with space\\", "x");
}

TEST(program_name_drops_quotes_and_nothing_else)
{
	EXPECT("\"C:\\Program Files\\x.exe\" -v", "C:\\Program Files\\x.exe", "-v");
	EXPECT("C:\\a\\\"b c\" d", "C:\\a\\b c", "d");
	EXPECT("prog\\\"", "prog\\");
	EXPECT("\"unterminated name", "unterminated name");
}

TEST(blanks_empty_arguments_and_unterminated_quotes)
{
	EXPECT("p \t a\t\tb  ", "p", "a", "b");
	EXPECT("p \"\" x", "p", "", "x");
	EXPECT("p \"open to the end", "p", "open to the end");
	EXPECT("p", "p");
	EXPECT("", "");
}

TEST(measure_holds_every_split_of_random_lines)
{
	static const char alphabet[] = "ab \t\"\\";
	char line[64];

	srand(18);
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(rand() % (int)(sizeof(line) - 1));
		char **argv;
		int argc;

		for (size_t i = 0; i < n; i++)
			line[i] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
		line[n] = '\0';
		/* ASan catches a measure too small */
		argc = split(line, &argv, round % 2 ? ARGV_SHELL32 : ARGV_CRT);
		CHECK(argc >= 1);
		free(argv);
	}
}

int main(void)
{
	RUN("argv", documented_examples);
	RUN("argv", double_quote_inside_quotes_is_literal_and_stays_quoted);
	RUN("argv", shell32_program_name_ends_at_its_closing_quote_or_a_blank);
	RUN("argv", backslashes_alone_are_literal);
	RUN("argv", program_name_drops_quotes_and_nothing_else);
	RUN("argv", blanks_empty_arguments_and_unterminated_quotes);
	RUN("argv", measure_holds_every_split_of_random_lines);
	return check_summary();
}
