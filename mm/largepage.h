/* Large pages inside the memory manager: physically contiguous, 4 MB-aligned
 * runs of frames (mm/pfnrun.c, NT's MiFindContiguousPages) and the VADs that
 * map them with 4 MB PDEs (mm/largepage.c). Nothing outside mm/ includes
 * this; the interface is vm_allocate_large and vm_large_page_minimum in
 * mm/vm.h.
 *
 * A large page's 1024 frames are active with share 1, each entry's back
 * pointer naming the PDE that maps them (the self-map address of that PDE,
 * the directory as its table); they are on no working set and never trimmed.
 * Making a run takes the list lock, every working-set lock (vm_lock_all_spaces)
 * and the PFN lock: the owner of every frame the run needs then stands still,
 * so a movable page's contents can go to another frame and its PTE be
 * retargeted. */
#ifndef MM_LARGEPAGE_H
#define MM_LARGEPAGE_H

#include "mm/vmspace.h"

/* One run of MMU_LARGE_FRAMES zeroed frames, aligned, taken for the caller
 * (active, share 1, no mapping), or PFN_NONE when none can be made: free,
 * zeroed and standby frames are taken, movable user pages (present or held,
 * no read in flight) moved out of the way. Leaves the kernel's reserve.
 * Call with no memory-manager lock held. */
pfn_t pfnrun_take(void);
/* Returns a run pfnrun_take gave, its mapping already gone. */
void pfnrun_free(pfn_t first);
/* Unmaps and frees large VAD v's pages (its working-set lock held). */
void vm_large_release(struct vm_space *vm, struct vm_vad *v);
/* vm_check's part for large VAD v: every PDE a large user page of v's
 * protection whose frames point back at it. Returns the problems found. */
uint32_t vm_large_check(struct vm_space *vm, const struct vm_vad *v);

#endif
