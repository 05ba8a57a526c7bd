/* <sys/types.h>: Microsoft's C runtime's file types. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <time.h>

#ifndef _INO_T_DEFINED
#define _INO_T_DEFINED
typedef unsigned short _ino_t;          /* always 0 */
typedef unsigned int _dev_t;            /* a drive number, 0 for A: */
typedef long _off_t;
typedef _ino_t ino_t;
typedef _dev_t dev_t;
typedef _off_t off_t;
#endif

#endif
