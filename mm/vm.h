/* Process address spaces as the memory manager sees them: a page directory,
 * the VAD tree that is the single authority on what a user address means, and
 * the counters Windows reports. The VirtualAlloc family's rules are
 * ../shared/reference/win32-memory-api.md; every operation returns a Win32
 * error code (0 on success) and changes nothing when it fails.
 *
 * Operations work on the address space the CPU is running on, and that
 * stays so while they run (they may sleep): the caller's own, or another
 * process's after process_attach. Each takes the space's locks itself (the
 * address-creation and working-set locks, mm/vmspace.h), so the threads of
 * a process, the balance set manager and the modified page writer may work
 * on one space at once; call them holding no memory-manager lock. */
#ifndef MM_VM_H
#define MM_VM_H

#include "arch/types.h"
#include "kernel/rtl/winerror.h"

#define MEM_COMMIT    0x00001000u
#define MEM_RESERVE   0x00002000u
#define MEM_DECOMMIT  0x00004000u
#define MEM_RELEASE   0x00008000u
#define MEM_FREE      0x00010000u
#define MEM_PRIVATE   0x00020000u
#define MEM_RESET     0x00080000u
#define MEM_TOP_DOWN  0x00100000u
#define MEM_WRITE_WATCH 0x00200000u
#define MEM_RESET_UNDO 0x01000000u   /* an allocation type, not MEM_IMAGE (the same value) */
#define MEM_IMAGE     0x01000000u
#define MEM_LARGE_PAGES 0x20000000u

#define VM_WS_MIN_PAGES   50u   /* Windows' default minimum working set */
#define VM_LOCK_OVERHEAD  8u    /* locks may hold the minimum working set "minus a small overhead" */
#define VM_WS_MIN_LOWEST  20u   /* SetProcessWorkingSetSize bounds, pages */
#define VM_WS_MAX_HIGHEST 0x80000u
#define VM_WS_EMPTY       0xffffffffu   /* both limits: empty the working set now */
#define VM_IMAGE_SEGMENTS 16u

struct vm_space;

/* A program image, format-neutral (the loader's parser makes it; image
 * sections, mm/image.h, consume it): where its parts go and what fills them. */
struct vm_image_segment {
	vaddr_t vaddr;
	uint32_t memsz;
	uint32_t offset, filesz;        /* the file's bytes at the segment's start */
	uint32_t protect;               /* Win32 protection of its pages */
};
struct vm_image {
	vaddr_t entry;                  /* where its first thread starts */
	uint32_t count;
	struct vm_image_segment seg[VM_IMAGE_SEGMENTS];   /* sorted, no shared pages */
	bool relocatable;               /* it may be moved: fixups lists every word
					   that holds an address of the image */
	uint32_t fixup_count;
	const uint32_t *fixups;         /* their offsets from its first page (words
					   in its file bytes), the caller's memory */
};

/* VirtualQuery's answer (MEMORY_BASIC_INFORMATION's fields). */
struct vm_region {
	vaddr_t base, allocation_base;
	uint32_t allocation_protect, size, state, protect, type;
};

/* A process's counters, in pages. */
struct vm_counters {
	uint32_t faults;
	uint32_t resident, peak_resident;       /* the working set */
	uint32_t commit, peak_commit;           /* committed pages of its VADs */
	uint32_t private_commit, peak_private_commit;   /* of its MEM_PRIVATE VADs and copy-on-write views */
	uint32_t reserved;                      /* pages its VADs cover */
	uint32_t locked, page_tables;
};

/* How a page fault ended. */
enum vm_fault {
	VM_FAULT_RESOLVED,
	VM_FAULT_ACCESS_VIOLATION,
	VM_FAULT_GUARD_PAGE,            /* the guard bit is cleared: a retry succeeds */
	VM_FAULT_STACK_OVERFLOW,        /* the stack's last guard page is gone */
	VM_FAULT_IN_PAGE_ERROR,         /* the page could not be read back from swap */
	VM_FAULT_INTERRUPTED,           /* a wait was cut: the thread is being terminated */
};

/* A new, empty address space (charged its directory); NULL when out of memory. */
struct vm_space *vm_create(void);
/* The page directory of vm. */
pfn_t vm_directory(const struct vm_space *vm);
/* Releases everything in vm's user half (vm must be the running address
 * space): every VAD, frame, page table and charge. Later operations on vm
 * fail with ERROR_INVALID_ADDRESS. Panics if any counter does not come back
 * to zero. */
void vm_clear(struct vm_space *vm);
/* Frees vm, cleared or never used, which no CPU runs on any more. */
void vm_destroy(struct vm_space *vm);
/* Whether vm_clear has run. */
bool vm_cleared(const struct vm_space *vm);

/* The VirtualAlloc family. vm_allocate (commit), vm_free (decommit) and
 * vm_protect may need frames for new page tables; when memory is too short
 * for them now they change nothing and return VM_RETRY: the caller sleeps in
 * vm_wait_for_tables (holding no lock) and calls again, unless that returned
 * false (the caller is being terminated: its waits no longer sleep). */
#define VM_RETRY 0xffffffffu
bool vm_wait_for_tables(void);
uint32_t vm_allocate(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
		     uint32_t protect);
/* type MEM_DECOMMIT, MEM_RELEASE (size 0), or (see mm/placeholder.c)
 * MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER: [addr, addr + size) of a
 * placeholder becomes one of its own (the rest stay placeholders), or an
 * allocation that replaced a placeholder (size 0 or its size) becomes that
 * placeholder again; MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS: the adjacent
 * placeholders making up exactly [addr, addr + size), two or more, become
 * one. ERROR_INVALID_ADDRESS where there is no such placeholder or
 * allocation, ERROR_INVALID_PARAMETER for a range that is one placeholder
 * already or is not page-aligned. */
uint32_t vm_free(struct vm_space *vm, vaddr_t addr, uint32_t size, uint32_t type);
/* VirtualAlloc with MEM_LARGE_PAGES (mm/largepage.c): type MEM_RESERVE |
 * MEM_COMMIT | MEM_LARGE_PAGES (MEM_TOP_DOWN allowed), size and *addr
 * multiples of vm_large_page_minimum, which is not 0, and an accessible
 * protection without PAGE_GUARD, else ERROR_INVALID_PARAMETER; may_lock (the
 * caller's SeLockMemoryPrivilege, enabled) else ERROR_PRIVILEGE_NOT_HELD.
 * Maps 4 MB pages of physically contiguous, aligned, zeroed frames, making
 * such runs by moving pages when none is free (ERROR_NO_SYSTEM_RESOURCES
 * when that cannot be done), charged to commit, never paged out, freed by
 * MEM_RELEASE or vm_clear. Such a region cannot be decommitted or
 * reprotected, VirtualLock leaves it as it is (resident already). */
uint32_t vm_allocate_large(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
			   uint32_t protect, bool may_lock);
/* GetLargePageMinimum: 4 MB where the CPU has PSE, else 0. */
uint32_t vm_large_page_minimum(void);
/* Contents no longer needed (mm/vmreset.c). VM_RESET (MEM_RESET), on
 * pages of one allocation: a resident private page stays but counts as
 * unwritten, so the trimmer drops it rather than write it to swap unless
 * it is written again; pages out of memory (standby, modified, swap) are
 * dropped at once; locked pages keep theirs. In a view of a pagefile
 * section only private copies go (at once); a view of a file is
 * ERROR_USER_MAPPED_FILE. VM_RESET_UNDO (MEM_RESET_UNDO): 0, the resident
 * pages kept from then on, when no committed page of the range may have
 * lost its contents, else ERROR_INVALID_ADDRESS. VM_OFFER, VM_DISCARD
 * (OfferVirtualMemory, DiscardVirtualMemory): a page-aligned range of
 * committed PAGE_READWRITE private pages of one allocation (else
 * ERROR_INVALID_PARAMETER, or ERROR_INVALID_ADDRESS outside one), every
 * page's contents dropped at once, an offer unlocking locked pages first.
 * VM_RECLAIM (ReclaimVirtualMemory): the same range rules; *busy tells
 * whether some page may have lost its contents. */
enum vm_reset_op { VM_RESET, VM_RESET_UNDO, VM_OFFER, VM_DISCARD, VM_RECLAIM };
uint32_t vm_discard(struct vm_space *vm, enum vm_reset_op op, vaddr_t addr, uint32_t size,
		    bool *busy);
uint32_t vm_protect(struct vm_space *vm, vaddr_t addr, uint32_t size, uint32_t protect,
		    uint32_t *old);
uint32_t vm_query(struct vm_space *vm, vaddr_t addr, struct vm_region *out);
uint32_t vm_lock(struct vm_space *vm, vaddr_t addr, uint32_t size);
uint32_t vm_unlock(struct vm_space *vm, vaddr_t addr, uint32_t size);
/* GetWriteWatch: the pages of [addr, addr + size), which must lie in one
 * MEM_WRITE_WATCH allocation (else ERROR_INVALID_PARAMETER), written since
 * the allocation or the last reset, in address order: at most *count of them
 * into out, their number back in *count; reset forgets the writes of those
 * reported. ResetWriteWatch forgets every write in the range. (mm/watch.c) */
uint32_t vm_watch_get(struct vm_space *vm, vaddr_t addr, uint32_t size, bool reset,
		      vaddr_t *out, uint32_t *count);
uint32_t vm_watch_reset(struct vm_space *vm, vaddr_t addr, uint32_t size);

/* Windows 10's placeholders and placement (mm/placeholder.c), the
 * VirtualAlloc2 family's. A placeholder is a MEM_PRIVATE reservation
 * (PAGE_NOACCESS) nothing can be committed in, changed or locked
 * (ERROR_INVALID_ADDRESS): it can only be split, coalesced, released, or
 * replaced whole by one allocation or one view. */
#define MEM_COALESCE_PLACEHOLDERS 0x00000001u   /* VirtualFree's */
#define MEM_PRESERVE_PLACEHOLDER  0x00000002u   /* VirtualFree's, UnmapViewOfFile2's */
#define MEM_REPLACE_PLACEHOLDER   0x00004000u
#define MEM_RESERVE_PLACEHOLDER   0x00040000u
/* Where a new allocation or view may go: pages [lo, hi), at a multiple of
 * align pages (a power of two). */
struct vm_placement {
	uint32_t lo, hi, align;
};
/* MEM_ADDRESS_REQUIREMENTS' fields (bytes; highest inclusive) as a
 * placement: lowest a 64 KB multiple, highest 0 or a 64 KB multiple minus 1
 * at most lpMaximumApplicationAddress and above lowest, alignment 0 (64 KB)
 * or a power of two from 64 KB, else ERROR_INVALID_PARAMETER. All zero is
 * the default: anywhere in user space at 64 KB. */
uint32_t vm_placement_make(uint32_t lowest, uint32_t highest, uint32_t alignment,
			   struct vm_placement *out);
/* VirtualAlloc2: vm_allocate's rules, and
 *   - place (NULL: the default) for a new reservation at *addr 0; another
 *     one with *addr set is ERROR_INVALID_PARAMETER;
 *   - MEM_RESERVE | MEM_RESERVE_PLACEHOLDER (MEM_TOP_DOWN allowed) with
 *     PAGE_NOACCESS makes a placeholder, else ERROR_INVALID_PARAMETER;
 *   - MEM_REPLACE_PLACEHOLDER with MEM_RESERVE (MEM_COMMIT, MEM_WRITE_WATCH
 *     allowed) and *addr set makes the placeholder [*addr, *addr + size)
 *     an allocation; ERROR_INVALID_ADDRESS unless that range is exactly one
 *     placeholder. */
uint32_t vm_allocate2(struct vm_space *vm, vaddr_t *addr, uint32_t size, uint32_t type,
		      uint32_t protect, const struct vm_placement *place);

/* Memory resource notifications (mm/memnotify.c,
 * CreateMemoryResourceNotification): memory is low while fewer than
 * vm_low_water() frames are available (free, zeroed, standby: the balance
 * set manager's trim mark, a 32nd of memory), high while three times that
 * or more are; in between it is neither. A watch's event (a notification
 * dispatcher object) is signalled while its condition holds: set as it is
 * added, then after each pass of the balance set manager (every 100 ms,
 * and when memory runs short) that changes a condition. */
struct dispatcher_header;
struct vm_memory_watch {
	struct dispatcher_header *event;
	bool high;                      /* the high condition, else the low one */
	struct vm_memory_watch *next;   /* private to mm/memnotify.c */
};
void vm_memory_watch_add(struct vm_memory_watch *w);
void vm_memory_watch_remove(struct vm_memory_watch *w);

/* Address-space layout randomization (mm/aslr.c): on unless the kernel
 * command line says aslr=off; set before the first process. Each space's
 * main-thread stack, bottom-up allocations and TEBs are placed at random,
 * at 64 KB granularity; vm_main_stack_top is where that stack ends. */
void vm_aslr_enable(bool on);
bool vm_aslr_enabled(void);
/* The base (a 64 KB multiple) of a relocatable image of pages pages named
 * name, linked at linked: without ASLR linked, else one of 256 places from
 * 0x00400000, the same for the same name until the next boot. */
vaddr_t vm_image_base_choose(const char *name, vaddr_t linked, uint32_t pages);
vaddr_t vm_main_stack_top(const struct vm_space *vm);
/* Reserves a thread stack of reserve bytes (a 64 KB multiple) ending at *top
 * (a 64 KB multiple; 0: the first free place bottom-up, stored back), commits its top
 * commit_pages read-write and puts a guard page below them. */
uint32_t vm_map_stack(struct vm_space *vm, vaddr_t *top, uint32_t reserve, uint32_t commit_pages);
/* Commits one read-write page for a TEB at the highest free page below the
 * layout's TEB end (as NT places TEBs, top-down), its address in *teb. */
uint32_t vm_map_teb(struct vm_space *vm, vaddr_t *teb);

/* Resolves a page fault at user address addr of vm (the running address
 * space) by a write (else a read) access. The PTE, not the error code, says
 * whether the page was resident. Counts the fault. pc is the faulting
 * instruction, for the working-set watch (0: a fault the kernel makes on
 * its own, not watched). */
enum vm_fault vm_fault(struct vm_space *vm, vaddr_t addr, bool write, vaddr_t pc);

void vm_get_counters(struct vm_space *vm, struct vm_counters *c);
/* Job limits on private commit (kernel/ps/job.c): before a charge of pages
 * grows the private commit of a space whose owner is set, check(owner, its
 * private commit now, pages) says 0 or the Win32 error the allocation fails
 * with. It may run under the space's locks: it takes only locks ranked after
 * the working-set lock. Set once at boot. */
typedef uint32_t vm_quota_check_fn(void *owner, uint32_t private_commit, uint32_t pages);
void vm_set_quota_check(vm_quota_check_fn *check);
void vm_set_quota_owner(struct vm_space *vm, void *owner);
/* vm's private commit in pages, read without its lock (a word: the jobs' sums). */
uint32_t vm_private_commit(const struct vm_space *vm);
/* Its page faults so far, read the same way (a job's accounting). */
uint32_t vm_fault_count(const struct vm_space *vm);
/* Swap slots that hold copies of resident pages (machine-wide). */
uint32_t vm_swap_copies(void);
/* SetProcessWorkingSetSize(Ex) in pages: min <= max within the bounds
 * above (a min from 1 to VM_WS_MIN_LOWEST - 1 becomes VM_WS_MIN_LOWEST, as
 * Microsoft's page says), or both VM_WS_EMPTY, which trims every page that
 * can go (dirty ones only with swap). The balance set manager trims a
 * process above max at once and keeps min unless memory is short. Raising
 * min needs may_raise_min (the caller's SeIncreaseWorkingSetPrivilege,
 * enabled), else ERROR_PRIVILEGE_NOT_HELD. flags: 0 (kept) or
 * QUOTA_LIMITS_HARDWS_*, at most one of each pair, recorded for vm_ws_get
 * (the limits are enforced as said either way). A Win32 error or 0. */
#define VM_WS_MIN_ENABLE  0x1u
#define VM_WS_MIN_DISABLE 0x2u
#define VM_WS_MAX_ENABLE  0x4u
#define VM_WS_MAX_DISABLE 0x8u
uint32_t vm_ws_set(struct vm_space *vm, uint32_t min, uint32_t max, uint32_t flags,
		   bool may_raise_min);
/* The limits, in pages, and the QUOTA_LIMITS_HARDWS_* flags (one of each
 * pair; both DISABLE until set). */
void vm_ws_get(const struct vm_space *vm, uint32_t *min, uint32_t *max, uint32_t *flags);
/* QueryWorkingSet (vm attached): the resident pages in address order as
 * PSAPI_WORKING_SET_BLOCK values, at most max into out; returns how many
 * there are. QueryWorkingSetEx: page va's PSAPI_WORKING_SET_EX_BLOCK (0
 * when it is not resident). (mm/wslist.c) */
uint32_t vm_ws_list(struct vm_space *vm, uint32_t *out, uint32_t max);
uint32_t vm_ws_query(struct vm_space *vm, vaddr_t va);
/* The memory priority of vm's pages (SetProcessInformation's
 * ProcessMemoryPriority, 0-5): below VM_MEMORY_PRIORITY_NORMAL the pages
 * its working set gives up go to the head of the standby list, so memory
 * demand repurposes them before other processes' (NT keeps a standby list
 * per priority; vados one list, two ends). One word, read as is. */
#define VM_MEMORY_PRIORITY_NORMAL 5u
void vm_set_page_priority(struct vm_space *vm, uint32_t priority);

/* The working-set watch (mm/wswatch.c). vm_ws_watch_start starts it, or
 * empties its records if it runs (ERROR_NOT_ENOUGH_MEMORY without pool).
 * vm_ws_watch_take moves the records out (count and lost: how many there
 * are and how many the full buffer dropped): ERROR_GEN_FAILURE when the
 * watch never started, ERROR_NO_MORE_ITEMS without records, and
 * ERROR_INSUFFICIENT_BUFFER, keeping them, when more than max. Faults note
 * pages made present (_locked: the working-set lock held) while ws_watch is
 * set; vm_destroy frees the buffer. */
#define VM_WS_WATCH_MAX 1024u           /* records a buffer holds */
struct vm_ws_record {
	vaddr_t pc, page;
	uint32_t tid;
};
uint32_t vm_ws_watch_start(struct vm_space *vm);
uint32_t vm_ws_watch_take(struct vm_space *vm, struct vm_ws_record *out, uint32_t max,
			  uint32_t *count, uint32_t *lost);
void vm_ws_watch_note_locked(struct vm_space *vm, vaddr_t pc, vaddr_t page, uint32_t tid);
void vm_ws_watch_free(struct vm_space *vm);
/* The balance set manager and the modified page writer: kernel threads the
 * kernel starts once (entry points for thread_create). */
void vm_balance_thread(void *arg);
void vm_writer_thread(void *arg);
/* Checks vm's bookkeeping against its page tables and VAD tree; prints one
 * line per problem and returns how many. */
uint32_t vm_check(struct vm_space *vm);

#endif
