/* A swap read that fails raises STATUS_IN_PAGE_ERROR in the faulting process
 * only, as a memory exception it can handle: here the handler gives the page
 * up (decommit, commit again: it reads zero from then on) and continues.
 * Run with a disk whose reads of some slot fail (QEMU blkdebug): the pages
 * read back are either intact or were reported lost, never silently wrong. */
#include "swap-common.h"

static uint32_t errors, error_code_wrong;
static uintptr_t lost[64];

static LONG CALLBACK on_in_page_error(PEXCEPTION_POINTERS ep)
{
	PEXCEPTION_RECORD r = ep->ExceptionRecord;
	uintptr_t page = r->ExceptionInformation[1] & ~4095UL;

	if (r->ExceptionCode != STATUS_IN_PAGE_ERROR)
		return EXCEPTION_CONTINUE_SEARCH;
	if (r->NumberParameters != 3 || r->ExceptionInformation[2] == 0)
		error_code_wrong++;
	if (errors < 64)
		lost[errors] = page;
	errors++;
	VirtualFree((LPVOID)page, 4096, MEM_DECOMMIT);
	VirtualAlloc((LPVOID)page, 4096, MEM_COMMIT, PAGE_READWRITE);
	return EXCEPTION_CONTINUE_EXECUTION;
}

static int was_lost(uintptr_t page)
{
	for (uint32_t i = 0; i < errors && i < 64; i++)
		if (lost[i] == page)
			return 1;
	return 0;
}

int main(void)
{
	uint32_t bytes = swap_status().phys_pages * 2 * 4096, wrong = 0, zeroed = 0;
	uint32_t *p = VirtualAlloc(NULL, bytes, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);

	/* Only the buffer may meet the failing slot: the handler's data and
	 * this stack stay resident (code pages are dropped and refilled from
	 * the image, never written to swap). */
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	if (!p || !AddVectoredExceptionHandler(1, on_in_page_error) ||
	    !VirtualLock(lost, sizeof(lost)) || !VirtualLock(&errors, 4) ||
	    !VirtualLock((LPVOID)((sp & ~4095UL) - 4096), 8192))
		return 1;
	for (uint32_t i = 0; i < bytes / 4; i += 1024)
		p[i] = swap_word(i, 5);
	for (uint32_t i = 0; i < bytes / 4; i += 1024) {
		if (p[i] == swap_word(i, 5))
			continue;
		if (p[i] == 0 && was_lost((uintptr_t)&p[i] & ~4095UL))
			zeroed++;
		else if (wrong++ < 3)
			printf("swap-inpage-error: word %u at %p is 0x%08x\n", i, (void *)&p[i], p[i]);
	}
	printf("swap-inpage-error: %u in-page errors (%u with a wrong record), %u pages lost "
	       "and reported, %u wrong\n", errors, error_code_wrong, zeroed, wrong);
	return !(errors > 0 && error_code_wrong == 0 && wrong == 0 && zeroed == errors);
}
