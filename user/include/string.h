/* The vados C library: strings and memory, the kernel's own implementations
 * (kernel/rtl/string.c is compiled into the library). */
#ifndef _STRING_H
#define _STRING_H

#include "vados/cdefs.h"

VADOS_BEGIN_DECLS
#include "kernel/rtl/string.h"
VADOS_END_DECLS

#endif
