/* Basic kernel types. Physical addresses, virtual addresses and frame numbers are
 * distinct typedefs so their intent shows in every signature. */
#ifndef ARCH_TYPES_H
#define ARCH_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t paddr_t;
typedef uint32_t vaddr_t;
typedef uint32_t pfn_t;

#define KERNEL_BASE   0x80000000u
#define PAGE_SIZE     4096u
#define PAGE_SHIFT    12

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
