/* <malloc.h> for vados: the C library's allocator (also in <stdlib.h>) and
 * Microsoft's _heapmin. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stdlib.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* Gives the process heap's unused committed pages back (HeapCompact): 0, or
 * -1 when there is no process heap. */
int _heapmin(void);

VADOS_END_DECLS

#endif
