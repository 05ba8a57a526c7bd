/* Regression (review): a page made PAGE_NOACCESS loses its hardware PTE and
 * so the dirty bit. A freshly zeroed page written, made NOACCESS, made
 * read-write again and trimmed was "refilled" with zeroes: its data was
 * gone. The same must hold for a page read back from swap (it keeps a copy
 * of its slot while clean): written, NOACCESS, read-write, trimmed, it must
 * not come back from the stale copy. */
#include "swap-common.h"

#define TEST_NAME "noaccess-keeps-written-data"
#include "check.h"

/* Writes value into *p, makes the page NOACCESS then read-write again, and
 * empties the working set; then, if push, touches twice the RAM so the page
 * goes out to swap. The value must still be there. */
static void round_trip(const char *what, volatile uint32_t *p, uint32_t value,
		       volatile uint32_t *push, uint32_t push_pages)
{
	DWORD old;

	*p = value;
	CHECK(VirtualProtect((void *)p, 4096, PAGE_NOACCESS, &old) &&
	      VirtualProtect((void *)p, 4096, PAGE_READWRITE, &old), "%s: VirtualProtect failed",
	      what);
	SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
	for (uint32_t i = 0; i < push_pages; i++)
		push[i * 1024] = i;
	CHECK(*p == value, "%s: read 0x%x, wrote 0x%x", what, *p, value);
}

int main(void)
{
	struct vados_memory_status st = swap_status();
	uint32_t push_pages = st.swap_slots ? st.phys_pages * 2 : 0;
	volatile uint32_t *page = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	volatile uint32_t *push = push_pages ? VirtualAlloc(NULL, push_pages * 4096,
						   MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) : NULL;

	if (!page || (push_pages && !push)) {
		printf(TEST_NAME ": VirtualAlloc failed: %lu\n", GetLastError());
		return 1;
	}
	round_trip("a zero-filled page", page, 0x55aa55aau, NULL, 0);
	if (push_pages) {
		round_trip("a page paged out", page, 0x11111111u, push, push_pages);
		(void)*page;                    /* read back: it holds a copy now */
		round_trip("a page with a copy in swap", page, 0x22222222u, push, push_pages);
	}
	printf(TEST_NAME ": %s, %d failures\n", push_pages ? "with swap" : "without swap", failures);
	return failures != 0;
}
