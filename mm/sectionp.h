/* The insides of sections (mm/section.h), shared by mm/section.c (control
 * areas and segments), mm/view.c (views), mm/protofault.c (faults, copy-on-
 * write and trimming through prototype PTEs) and the memory manager's files
 * that meet views (vm.c, virtual.c, fault.c, wset.c, the checkers). Nothing
 * outside mm/ includes this.
 *
 * Locks: a segment's prototype PTEs, its commit count, a control area's
 * counts and view list, and every field of a frame a prototype PTE holds
 * (its PFN entry's share count, original PTE and flags) are the PFN lock's.
 * A view's protection array is its address space's (working-set lock, and
 * the address-creation lock to change it). */
#ifndef MM_SECTIONP_H
#define MM_SECTIONP_H

#include "mm/section.h"
#include "mm/vmspace.h"

struct mm_file_io;

/* How a control area's pages come in and go out. A pagefile section's page
 * without contents is demand-zero and a dirty one goes to the paging file
 * through the modified page writer; a file's (mm/filecache.c) are read from
 * the file (subsection PTEs, PTE_SUBSECTION) and written back to it, never
 * to swap. */
enum mm_backing {
	MM_BACKING_PAGEFILE,
	MM_BACKING_FILE,
	MM_BACKING_IMAGE,               /* an image section (mm/image.c): read from
					   the program file, dropped when trimmed */
};

/* NT's SEGMENT: the prototype PTEs. */
struct mm_segment {
	uint32_t pages;
	uint32_t committed;             /* prototype PTEs committed (charged) */
	uint32_t *proto;                /* pages PTEs in pool pages (kpage_alloc) */
};

/* NT's CONTROL_AREA. */
struct mm_control_area {
	struct mm_segment segment;
	enum mm_backing backing;
	pte_prot_t prot;                /* the section's protection */
	bool reserve;                   /* SEC_RESERVE: pages are committed through views */
	uint32_t section_refs;          /* section objects referring to it */
	uint32_t mapped_views;          /* views mapping it */
	char *name;                     /* the name it was created with (kmalloc), or NULL */
	struct mm_view *views;          /* those views (for the checker) */
	struct mm_control_area *next;   /* every control area (mm_section_check) */
	/* MM_BACKING_FILE only (mm/filecache.c): */
	const struct mm_file_io *io;    /* the file system's paging I/O */
	void *file;                     /* its file, for io */
	uint32_t capacity;              /* prototype PTEs the pool pages hold */
	uint32_t dirty;                 /* pages written since read (PFN lock) */
	uint32_t user_pages;            /* the largest section made on the file since it
					   last had no section or view (NT's segment
					   size: truncation stops there; PFN lock) */
	void *retired;                  /* prototype PTE blocks the segment left while
					   mapped (mm/filecache.c segment_move) */
};

/* A view: what a MEM_MAPPED VAD adds. */
struct mm_view {
	struct mm_control_area *ca;
	uint32_t first;                 /* the segment page its first page maps */
	uint32_t start, pages;          /* its VAD: first page number, size */
	struct vm_space *vm;
	struct mm_view *next;           /* the control area's views */
	uint32_t *locked;               /* VirtualLock: a bit a page (after prot[]) */
	pte_prot_t section_prot;        /* the section's protection (an image's: 0) */
	pte_prot_t prot[];              /* each page's protection in this view */
};

/* Every control area (PFN lock). */
extern struct mm_control_area *mm_control_areas;

/* The segment page page va of view v maps, and its prototype PTE. */
static inline uint32_t view_page(const struct vm_vad *v, vaddr_t va)
{
	return v->view->first + ((va >> 12) - v->node.start);
}
static inline uint32_t *view_proto(const struct vm_vad *v, vaddr_t va)
{
	return &v->view->ca->segment.proto[view_page(v, va)];
}
/* Whether frame pfn (active) is a section page: its back pointer names a
 * prototype PTE, in the pool, not a process PTE in the self-map. */
bool vm_frame_is_prototype(pfn_t pfn);

/* mm/section.c */
/* One reference less (a section object or a view, PFN lock held): at
 * none, the control area is unlinked and returned, for section_delete. A
 * file's control area stays (the file cache's); it is returned when its last
 * section or view went, for section_delete to give the file's reference
 * back. */
struct mm_control_area *section_unref_locked(struct mm_control_area *ca, bool view);
/* Frees a control area no section or view refers to: its frames, slots,
 * commit and prototype PTEs; a file's: gives the file's reference back
 * (io->release, which defers). No lock held but a file's, whose release may
 * be called under any. */
void section_delete(struct mm_control_area *ca);
/* Commits pages [first, end) of a SEC_RESERVE segment: charges those not
 * yet committed and makes them demand-zero. false (nothing changed) past
 * the commit limit. */
bool section_commit(struct mm_control_area *ca, uint32_t first, uint32_t end);

/* mm/filecache.c: a file's pages for views (PFN lock held). */
/* Page i's frame, in memory, gets one more reference: off its list (valid,
 * dirty when it was on the modified list) or shared with a copy or view;
 * PFN_NONE when it is on the file. Not for a page being read. */
pfn_t file_page_ref_locked(struct mm_control_area *ca, uint32_t i);
/* Page i's frame pfn (valid, share 0 now) goes to the modified list when
 * its prototype PTE says dirty, else to standby. */
void file_page_unref_locked(struct mm_control_area *ca, uint32_t i, pfn_t pfn);
/* One reference less on file frame pfn (valid), found through its back
 * pointer: the last puts it on its list as file_page_unref_locked does. */
void file_frame_unref_locked(pfn_t pfn);
/* Page i (valid) was written: its prototype PTE and the counts say dirty. */
void file_page_dirty_locked(struct mm_control_area *ca, uint32_t i);
/* One section object or view (view) of a file's ca less: true when it was
 * the last (the file's reference goes: section_delete). */
bool file_section_unref_locked(struct mm_control_area *ca, bool view);
/* mm/filews.c: the file cache's working set (PFN lock held). */
/* Frame pfn, a file page whose last copy ends (share 1), joins the set,
 * which keeps that reference; false (nothing done) without a set. The oldest
 * member leaves when the set is full. */
bool filews_keep_locked(pfn_t pfn);
/* The set lets go of ca's pages from first on (about to be dropped). */
void filews_release_locked(struct mm_control_area *ca, uint32_t first);
/* Lets go of up to n members, oldest first (clean ones go to standby, dirty
 * ones to the modified list); returns how many left. */
uint32_t filews_trim_locked(uint32_t n);
/* Frames in the set (a snapshot). */
uint32_t filews_members(void);
/* mm/image.c */
/* Reads page page of image section ca into frame pfn (zeroed); false on an
 * I/O error. No lock held. */
bool image_read_page(struct mm_control_area *ca, uint32_t page, pfn_t pfn);
/* Frames holding pages of image sections (a snapshot, for the checkers). */
uint32_t image_frames_resident(void);
/* Frees image section ca, which no section or view refers to (a spin lock
 * may be held): its file is closed by the next mm_image_reap. */
void image_delete(struct mm_control_area *ca);

/* mm/view.c */
/* A view record of pages pages of ca from segment page first, each page
 * with protection prot; NULL when the pool is out. */
struct mm_view *view_alloc(struct mm_control_area *ca, uint32_t first, uint32_t pages,
			   pte_prot_t prot);
/* Where a view of pages pages goes in vm (vm_enter held): base, or the
 * lowest free place place allows (base 0; place NULL: 64 KB-aligned,
 * anywhere). 0 and *first, or a Win32 error (ERROR_INVALID_PARAMETER for a
 * view reaching outside user space). */
uint32_t view_place(struct vm_space *vm, vaddr_t base, uint32_t pages,
		    const struct vm_placement *place, uint32_t *first);
/* Links view w into vm at page w->start (vm_enter held; w->vm is set) as a VAD of type
 * (MEM_MAPPED, MEM_IMAGE) with charge pages charged. A Win32 error or 0. */
uint32_t view_insert(struct vm_space *vm, struct mm_view *w, uint32_t type, uint32_t protect,
		     uint32_t charge);
/* What page va of view v is (vm_page_get's view half): a process PTE of 0
 * or PTE_PROTOTYPE reads as kind PTE_PROTOTYPE, committed when its
 * prototype PTE is. */
struct vm_page view_page_get(const struct vm_vad *v, vaddr_t va);
/* Changes page va's protection in view v (a protection without a cache or
 * guard modifier keeps the view's PAGE_NOCACHE or PAGE_WRITECOMBINE); true
 * when done (a page through its prototype), false when pg is a private
 * copy, which vm_page_protect changes as any private page. */
bool view_page_protect(struct vm_space *vm, const struct vm_vad *v, vaddr_t va,
		       const struct vm_page *pg, pte_prot_t prot);
/* Whether protection prot may be set in view v (VirtualProtect, and
 * VirtualAlloc's MEM_COMMIT): Windows' rule, the view's own protection or
 * one whose access (read, write, copy-on-write, execute) is within both the
 * view's and the section's (an image's: the view's). */
bool view_protect_allowed(const struct vm_vad *v, pte_prot_t prot);
/* View v (of vm, locked) is given a copy-on-write protection: a view mapped
 * otherwise has its pages charged now, once, for the private copies its
 * writes will make (NT charges at the protection change); false (nothing
 * charged) past the commit limit. */
bool view_charge_copies(struct vm_space *vm, struct vm_vad *v);
/* VirtualAlloc(MEM_COMMIT) in view v: commits pages r of its section (a
 * SEC_RESERVE one's) and gives them protection prot in this view; a file's
 * view: ERROR_ACCESS_DENIED, as Windows. VM_RETRY when page tables must be
 * made first. */
uint32_t view_commit(struct vm_space *vm, struct vm_vad *v, const struct vm_pages *r,
		     pte_prot_t prot);
/* Gives up every page of view v (being released) and its view record. */
void view_release(struct vm_space *vm, struct vm_vad *v);

/* mm/protofault.c */
/* Resolves a fault on page va of view v through its prototype PTE (pg says
 * the page is PTE_PROTOTYPE, or present and shared): maps the section's
 * page, or makes a private copy on a write to a copy-on-write page. As
 * vm_resolve. */
enum vm_fault view_fault(struct vm_space *vm, struct vm_vad *v, vaddr_t va, bool write,
			 const struct vm_page *pg);
/* Takes shared page va (frame pfn) out of vm's working set: the process PTE
 * becomes soft (a PTE_PROTOTYPE pointer, or 0 for a view going away), the
 * share count drops and at 0 the prototype PTE goes to transition, the
 * frame to the standby or modified list (or free, unwritten). With
 * must_go false it may refuse (false): the last mapping of a dirty page
 * without swap stays. */
bool view_unmap_shared(struct vm_space *vm, vaddr_t va, pfn_t pfn, uint32_t soft, bool must_go);

/* mm/mapfile.c: views of files (file-backed sections). */
/* Page va of file view v, its prototype PTE pte valid or in transition (not
 * being read): one reference more for this view (PFN lock held). */
enum vm_fault file_view_share_locked(const struct vm_vad *v, vaddr_t va, uint32_t pte,
				     pfn_t *out);
/* Page va of file view v is on the file: read through the file system
 * (io->page_in), the working-set lock given up meanwhile; *out the frame
 * referenced for this view, or PFN_NONE (retry, or the error returned). */
enum vm_fault file_view_read(struct vm_space *vm, struct vm_vad *v, vaddr_t va, pfn_t *out);
/* view_unmap_shared for a file's page: the PTE's dirty bit goes into the
 * prototype PTE; the last share puts the frame on the modified or standby
 * list. Always true. */
bool file_view_unmap(struct vm_space *vm, const struct vm_vad *v, vaddr_t va, pfn_t pfn,
		     uint32_t soft);

#endif
