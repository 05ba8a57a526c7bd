/* Address-space layout randomization; see mm/vm.h (vm_aslr_enable) and the
 * README's ASLR section. Each new address space gets its own layout at
 * 64 KB granularity from arch_random:
 *   - the main thread's stack (1 MB) ends at 0x00110000 + r * 64 KB, r in
 *     0..47 (48 places, 5.6 bits), below the program image at 0x00400000;
 *   - bottom-up allocations (VirtualAlloc(NULL) without MEM_TOP_DOWN: the
 *     default heap, the first allocation, other threads' stacks) look for
 *     room from 0x01000000 + r * 64 KB, r in 0..255 (8 bits), then from the
 *     bottom of user space;
 *   - TEBs take the highest free pages below 0x7ffe0000 - r * 64 KB, r in
 *     0..255 (8 bits), then below the top 64 KB.
 *   - a program's image (a relocatable one) goes at 0x00400000 + r * 64 KB,
 *     r in 0..255 (8 bits, Windows' figure for images), r drawn from the
 *     program's name and a key chosen at boot: once per program per boot, so
 *     every process running it shares its one relocated image section.
 * Without randomization (aslr=off) the stack ends at 0x00300000, bottom-up
 * allocations start at 0x00010000 and TEBs below 0x7fff0000: the layout
 * every space had before, and images stay where they were linked. */
#include "mm/vmspace.h"
#include "arch/entropy.h"

#define STACK_TOP_FIXED   0x00300000u
#define STACK_TOP_LOW     0x00110000u   /* a 1 MB stack from 0x00010000 */
#define STACK_PLACES      48u           /* up to 0x00400000, the image's base */
#define BOTTOM_UP_LOW     0x01000000u
#define BOTTOM_UP_PLACES  256u
#define TEB_END_HIGH      (VM_USER_HIGH - VM_GRANULE)
#define TEB_END_PLACES    256u
#define IMAGE_LOW         0x00400000u
#define IMAGE_PLACES      256u

static bool aslr_on = true;
static uint32_t image_key;      /* this boot's: images' places follow from it */

void vm_aslr_enable(bool on)
{
	aslr_on = on;
	image_key = arch_random();      /* at boot, one CPU: no lock */
}

bool vm_aslr_enabled(void)
{
	return aslr_on;
}

/* A random number below n (n much smaller than 2^32: the bias is negligible). */
static uint32_t random_below(uint32_t n)
{
	return arch_random() % n;
}

void vm_layout_choose(struct vm_layout *l)
{
	if (!aslr_on) {
		*l = (struct vm_layout){ STACK_TOP_FIXED, VM_USER_LOW / VM_PAGE,
					 TEB_END_HIGH / VM_PAGE };
		return;
	}
	l->stack_top = STACK_TOP_LOW + random_below(STACK_PLACES) * VM_GRANULE;
	l->bottom_up = (BOTTOM_UP_LOW + random_below(BOTTOM_UP_PLACES) * VM_GRANULE) / VM_PAGE;
	l->teb_end = (TEB_END_HIGH - random_below(TEB_END_PLACES) * VM_GRANULE) / VM_PAGE;
}

vaddr_t vm_main_stack_top(const struct vm_space *vm)
{
	return vm->layout.stack_top;
}

bool vm_find_free(const struct vm_space *vm, uint32_t n, uint32_t align, bool top_down,
		  uint32_t *first)
{
	uint32_t low = VM_USER_LOW / VM_PAGE, high = VM_USER_HIGH / VM_PAGE;

	if (!top_down && vad_find_gap(&vm->vads, n, align, vm->layout.bottom_up, high, false,
				      first))
		return true;
	return vad_find_gap(&vm->vads, n, align, low, high, top_down, first);
}

bool vm_find_teb(const struct vm_space *vm, uint32_t *page)
{
	uint32_t low = VM_USER_LOW / VM_PAGE;

	return vad_find_gap(&vm->vads, 1, 1, low, vm->layout.teb_end, true, page) ||
	       vad_find_gap(&vm->vads, 1, 1, low, TEB_END_HIGH / VM_PAGE, true, page);
}

/* name's hash under this boot's key (FNV-1a, ASCII case folded: the file
 * system's names are case-insensitive). */
static uint32_t image_hash(const char *name)
{
	uint32_t h = 2166136261u ^ image_key;

	for (; *name; name++) {
		char c = *name >= 'a' && *name <= 'z' ? (char)(*name - 'a' + 'A') : *name;
		h = (h ^ (uint8_t)c) * 16777619u;
	}
	return h ^ (h >> 16);
}

vaddr_t vm_image_base_choose(const char *name, vaddr_t linked, uint32_t pages)
{
	vaddr_t base = IMAGE_LOW + image_hash(name) % IMAGE_PLACES * VM_GRANULE;

	if (!aslr_on || pages > (VM_USER_HIGH - base) / VM_PAGE)
		return linked;
	return base;
}
