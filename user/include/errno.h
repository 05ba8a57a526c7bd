/* <errno.h> as Microsoft's C runtime: errno is the calling thread's own, and
 * the codes have Microsoft's values. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif

/* The calling thread's errno; _doserrno is the Win32 error behind the last
 * errno a library call set from one (0 if none). */
int *_errno(void);
#define errno (*_errno())
unsigned long *__doserrno(void);
#define _doserrno (*__doserrno())
errno_t _set_errno(int value);
errno_t _get_errno(int *value);           /* EINVAL for NULL */
errno_t _set_doserrno(unsigned long value);
errno_t _get_doserrno(unsigned long *value);

#define EPERM        1
#define ENOENT       2
#define ESRCH        3
#define EINTR        4
#define EIO          5
#define ENXIO        6
#define E2BIG        7
#define ENOEXEC      8
#define EBADF        9
#define ECHILD       10
#define EAGAIN       11
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define EBUSY        16
#define EEXIST       17
#define EXDEV        18
#define ENODEV       19
#define ENOTDIR      20
#define EISDIR       21
#define EINVAL       22
#define ENFILE       23
#define EMFILE       24
#define ENOTTY       25
#define EFBIG        27
#define ENOSPC       28
#define ESPIPE       29
#define EROFS        30
#define EMLINK       31
#define EPIPE        32
#define EDOM         33
#define ERANGE       34
#define EDEADLK      36
#define EDEADLOCK    EDEADLK
#define ENAMETOOLONG 38
#define ENOLCK       39
#define ENOSYS       40
#define ENOTEMPTY    41
#define EILSEQ       42
#define STRUNCATE    80
#define EADDRINUSE   100
#define EALREADY     103
#define ECANCELED    105
#define EINPROGRESS  112
#define ENOBUFS      119
#define ENOTSUP      129
#define EOVERFLOW    132
#define ETIMEDOUT    138
#define EWOULDBLOCK  140

VADOS_END_DECLS

#endif
