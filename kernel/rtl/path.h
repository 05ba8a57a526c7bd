/* Win32 path names (the A calls' view, as GetFullPathName resolves them):
 * a full path is "X:\dir\name", made from a path that may be drive-absolute
 * ("C:\a"), rooted ("\a": the current drive), drive-relative ("C:a"),
 * or relative ("a\b"), with '/' or '\' separators, "." and ".." components
 * (".." at the root stays there), repeated separators, and trailing dots and
 * spaces on a component (dropped, as Win32 drops them). Pure; calls nothing
 * (tests/host/test_path.c). */
#ifndef KERNEL_RTL_PATH_H
#define KERNEL_RTL_PATH_H

#include <stddef.h>
#include <stdint.h>

#define RTL_MAX_PATH 260u               /* Win32's MAX_PATH, the terminator included */
#define RTL_PATH_WORK 1024u             /* rtl_full_path's buffer */

/* Resolves path against cwd (a full path: "C:\" or "C:\dir", no trailing
 * separator but the root's) into out; returns the full path's length
 * (without the terminator). At RTL_PATH_WORK or more, out is "" (too long
 * for any call, whatever ".." would follow). A trailing
 * separator of path is kept ("C:\a\"). A drive path through the Win32
 * device namespace ("\\?\C:\a", "\\.\C:\a") names the same file (the prefix
 * is dropped). 0 for an empty path or one naming a UNC share or another
 * device ("\\server\share", "\\?\UNC\..."), which vados does not have: the
 * caller fails (kernel/sys/sys_path.c says why). The drive letter comes out upper
 * case. */
size_t rtl_full_path(const char *cwd, const char *path, char out[RTL_PATH_WORK]);

/* 4 when path starts with "\\?\" or "\\.\" before a drive's root ("\\?\C:\"),
 * else 0 ("\\.\C:" alone is the volume, a device). */
size_t rtl_device_prefix(const char *path);

#endif
