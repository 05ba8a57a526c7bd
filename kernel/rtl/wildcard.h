/* Wildcard matching of file names, as FindFirstFile matches them: `*` matches
 * any run of characters (none included), `?` exactly one, and a `.` followed
 * only by `*`s to the end of the pattern also matches the end of the name, so
 * "*.*" matches every name and "readme.*" matches "readme". Letters compare
 * ASCII case-insensitively; callers fold other characters first. Pure: calls
 * nothing. */
#ifndef KERNEL_RTL_WILDCARD_H
#define KERNEL_RTL_WILDCARD_H

#include <stdbool.h>

/* Whether the NUL-terminated name matches the NUL-terminated pattern. Time is
 * O(strlen(pattern) * strlen(name)); no recursion. */
bool rtl_wildcard_match(const char *pattern, const char *name);

#endif
