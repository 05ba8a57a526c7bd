/* Wildcard matching of file names, as FindFirstFile matches them: kernel32
 * translates the pattern to NT's DOS wildcards and the file system matches
 * those (FsRtlIsNameInExpression's rules), so:
 * - `*` matches any run of characters (none included);
 * - `*` just before a `.` (DOS_STAR) matches any run that stays before the
 *   name's last `.`: "*.txt" matches "a.b.txt" but not "a.txt.bak";
 * - `?` (DOS_QM) matches one character, or none where the name has a `.` or
 *   ends: "?.c" matches "a.c" and ".c", "???" any name of 1 to 3 characters,
 *   "a?.txt" "a.txt";
 * - a `.` before `?` or `*`, or ending the pattern (DOS_DOT), matches a `.`
 *   or the end of the name: "name.*" matches "name", "*." matches exactly
 *   the names without a `.` (and "." and ".."), "*.*" every name.
 * Other characters match themselves, ASCII letters case-insensitively;
 * callers fold other characters first. Pure: calls nothing. */
#ifndef KERNEL_RTL_WILDCARD_H
#define KERNEL_RTL_WILDCARD_H

#include <stdbool.h>

#define RTL_WILDCARD_MAX 255            /* the longest pattern (a path component) */

/* Whether the NUL-terminated name matches the NUL-terminated pattern (false
 * for a pattern over RTL_WILDCARD_MAX). Time is O(strlen(pattern)^2 *
 * strlen(name)); no recursion. */
bool rtl_wildcard_match(const char *pattern, const char *name);

#endif
