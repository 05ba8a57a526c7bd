/* Environment blocks as Windows lays them out: "NAME=value" strings one
 * after the other, each NUL-terminated, a second NUL after the last ("\0\0"
 * when empty). Names compare case-insensitively (ASCII); a name may start
 * with '=' (cmd.exe's "=C:=C:\dir") but holds none after that. Pure: calls
 * nothing (tests/host/test_envblock.c); user/lib/environ.c keeps the
 * process's block and its lock. */
#ifndef USER_LIB_ENVBLOCK_H
#define USER_LIB_ENVBLOCK_H

#include <stddef.h>

/* block's bytes, both final NULs included. */
size_t envb_size(const char *block);
/* Whether SetEnvironmentVariable takes name: not empty, no '=' past its
 * first character. */
int envb_name_valid(const char *name);
/* The value of block's variable name, or NULL when it has none. */
const char *envb_find(const char *block, const char *name);
/* The length of name's part before its '=' in entry ("=C:=x": 3). */
size_t envb_name_length(const char *entry);
/* Writes block with name set to value (NULL: removed) into out, which
 * holds envb_size(block) + strlen(name) + strlen(value) + 2 bytes; a new
 * name goes before the first that sorts after it, as Windows keeps the
 * block sorted. Returns the new block's size. */
size_t envb_set(const char *block, const char *name, const char *value, char *out);
/* Copies src into dst (size bytes) with each %NAME% that block defines
 * replaced by its value (others left as they are); returns the bytes the
 * whole result needs, its NUL included. Nothing is written past size: a
 * result that does not fit is cut short, unterminated. */
size_t envb_expand(const char *block, const char *src, char *dst, size_t size);

#endif
