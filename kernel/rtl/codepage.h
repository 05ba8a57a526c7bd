/* Code page 437, the OEM code page of the FAT driver's 8-bit names and of
 * the SDK's ANSI (A) calls: its bytes and their Unicode characters. Shared
 * by the kernel and the user library (MultiByteToWideChar). */
#ifndef KERNEL_CODEPAGE_H
#define KERNEL_CODEPAGE_H

#include <stdint.h>

#define CODEPAGE_OEM 437

/* The Unicode character of CP437 byte c (below 0x80 it is ASCII). */
uint16_t cp437_to_unicode(uint8_t c);

/* The CP437 byte of Unicode c; 0 when CP437 has none (and for c == 0). */
uint8_t cp437_from_unicode(uint16_t c);

#endif
