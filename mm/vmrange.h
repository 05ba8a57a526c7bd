/* The address rules of the VirtualAlloc family: rounding to pages and to the
 * 64 KB allocation granularity, and the bounds of user space. Pure
 * (host-tested in tests/host/test_vmrange.c). */
#ifndef MM_VMRANGE_H
#define MM_VMRANGE_H

#include <stdbool.h>
#include <stdint.h>

#define VM_PAGE        4096u
#define VM_GRANULE     65536u
#define VM_USER_LOW    0x00010000u  /* the first allocatable address */
#define VM_USER_HIGH   0x7fff0000u  /* the first address past the allocatable range */
#define VM_GRANULE_PAGES (VM_GRANULE / VM_PAGE)

/* Pages [first, end) of user space. */
struct vm_pages {
	uint32_t first, end;
};

/* The pages touched by [addr, addr + size), with the start rounded down to
 * align bytes (a power of two, VM_PAGE or VM_GRANULE). false if size is 0, the
 * range wraps, or it leaves [VM_USER_LOW, VM_USER_HIGH). */
static inline bool vm_round(uint32_t addr, uint32_t size, uint32_t align, struct vm_pages *out)
{
	uint32_t start = addr & ~(align - 1);

	if (size == 0 || addr < VM_USER_LOW || addr >= VM_USER_HIGH ||
	    size > VM_USER_HIGH - addr)
		return false;
	out->first = start / VM_PAGE;
	out->end = (uint32_t)(((uint64_t)addr + size + VM_PAGE - 1) / VM_PAGE);
	return true;
}

/* The number of whole pages a size covers (NULL-address reservations), 0 for
 * sizes beyond user space. */
static inline uint32_t vm_size_pages(uint32_t size)
{
	if (size > VM_USER_HIGH - VM_USER_LOW)
		return 0;
	return (uint32_t)(((uint64_t)size + VM_PAGE - 1) / VM_PAGE);
}

#endif
