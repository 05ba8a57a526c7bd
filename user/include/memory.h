/* <memory.h>: Microsoft's old home of the mem* functions, now <string.h>'s. */
#include <string.h>
