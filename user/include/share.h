/* <share.h>: _sopen's and _fsopen's sharing modes (Microsoft's values). */
#ifndef _SHARE_H
#define _SHARE_H

#define _SH_DENYRW 0x10         /* no other opening at all */
#define _SH_DENYWR 0x20         /* others may read */
#define _SH_DENYRD 0x30         /* others may write */
#define _SH_DENYNO 0x40         /* others may read and write */
#define _SH_SECURE 0x80         /* others may read only if this opening only reads */

#define SH_DENYRW _SH_DENYRW
#define SH_DENYWR _SH_DENYWR
#define SH_DENYRD _SH_DENYRD
#define SH_DENYNO _SH_DENYNO

#endif
