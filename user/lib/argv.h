/* Splitting a command line into argv as the Microsoft C runtime does
 * (user/lib/argv.c). Pure: calls nothing (tests/host/test_argv.c). */
#ifndef USER_LIB_ARGV_H
#define USER_LIB_ARGV_H

#include <stddef.h>

/* Whose rules: the C runtime's (main's argv) or shell32's
 * (CommandLineToArgvW), which differ in argv[0] only. */
enum argv_rules { ARGV_CRT, ARGV_SHELL32 };

/* How much space a split of line needs: *words (argc) and *chars (the
 * strings' bytes, terminators included). Never more than strlen(line) + 1
 * characters and strlen(line) / 2 + 2 words. */
void argv_measure(const char *line, size_t *words, size_t *chars, enum argv_rules rules);

/* Splits line into argv[] (room for argv_measure's words plus the NULL that
 * ends them) with the strings in buf (room for its chars); returns argc.
 * argv[0], the program name, ends at the first space or tab outside quotes
 * and has its quotes dropped, nothing else (ARGV_SHELL32: a name that starts
 * with a quote ends at the next quote, any other at the first space or tab,
 * its quotes kept). The other arguments are
 * separated by spaces and tabs outside quotes; a quote opens or closes a
 * quoted part; 2n backslashes and a quote give n backslashes and open or
 * close; 2n+1 backslashes and a quote give n backslashes and a literal
 * quote; other backslashes are literal; inside a quoted part "" is a
 * literal quote and the part goes on (the CRT's rule since 2008:
 * a"b"" c d is the one argument ab" c d); a line ending inside quotes ends
 * the last argument. */
int argv_split(const char *line, char **argv, char *buf, enum argv_rules rules);

#endif
