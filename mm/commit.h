/* Commit charge: NT's promise that every committed page can get a frame.
 * The limit is the frames free when the memory manager starts, plus those
 * already charged, minus a small kernel reserve (plus swap, in the swap
 * issue). Everything that will need a frame is charged before it is promised:
 * committed user pages, the page tables that will map them, kernel pool pages
 * and page directories. A charge past the limit fails and changes nothing.
 *
 * The commit lock (a spinlock, rank KE_RANK_COMMIT, the last of the memory
 * manager's: taken under any of the others) protects the charge and the
 * limit. commit_limit and commit_charged read them without it: a snapshot,
 * good for reports and early refusals, never for a decision the charge
 * itself must make. */
#ifndef MM_COMMIT_H
#define MM_COMMIT_H

#include "arch/types.h"

#define COMMIT_KERNEL_RESERVE 32u   /* pages kept back from the limit */

/* Sets the limit from the frames free now (mm_init, once). Charges made
 * before are already counted. */
void commit_init(void);
/* Raises the limit by pages (swap taken into use). */
void commit_add_limit(uint32_t pages);
/* Charges pages; false (nothing charged) if that would pass the limit. */
bool commit_charge(uint32_t pages);
/* Returns a charge. */
void commit_return(uint32_t pages);
uint32_t commit_limit(void);
uint32_t commit_charged(void);
/* The highest charge since boot (GetPerformanceInfo's CommitPeak). */
uint32_t commit_peak(void);
/* Checks that every frame in use since commit_init is covered by the charge;
 * prints a line and returns 1 when not, else 0. */
uint32_t commit_check(void);

#endif
