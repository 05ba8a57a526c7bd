/* Sections: memory more than one address space maps, NT's way. A section's
 * pages are described once, by its segment: one prototype PTE a page. Views
 * (MEM_MAPPED VADs) map ranges of it; a view's process PTE that is not
 * valid leads to its prototype PTE (0, or a PTE_PROTOTYPE pointer, mm/pte.h),
 * and a fault there resolves through it. A frame mapped by views points
 * back at its prototype PTE and counts in its share count the process PTEs
 * that map it (mm/pfn.h). The control area says how the pages come in and
 * go out (the paging file, or a file: its control area is the file cache's,
 * mm/filecache.h) and counts the section objects and views that keep the
 * segment alive.
 *
 * This header is what the kernel (kernel/ex's Section objects, the system
 * calls) sees; mm/sectionp.h holds the structures. Locking: the prototype
 * PTEs, the control areas' counts and view lists are the PFN lock's, as in
 * NT (mm/pfn.h); views are changed with their address space's locks too. */
#ifndef MM_SECTION_H
#define MM_SECTION_H

#include "arch/types.h"
#include "mm/vm.h"

#define MEM_MAPPED 0x00040000u

struct mm_control_area;

/* A new pagefile-backed control area and segment of pages pages with Win32
 * protection protect (the section's: READONLY, READWRITE, WRITECOPY or an
 * EXECUTE_ one), counting one section reference. SEC_COMMIT (reserve false)
 * charges every page now; SEC_RESERVE (true) charges pages as views commit
 * them. name ("" for none) is kept, for the tools, while the control area
 * lives (vm_view_name). ERROR_COMMITMENT_LIMIT or ERROR_NOT_ENOUGH_MEMORY,
 * or 0 and *out. */
uint32_t mm_section_create(uint32_t pages, uint32_t protect, bool reserve, const char *name,
			   struct mm_control_area **out);
/* The section object referring to ca is gone (NT's section reference): the
 * segment goes once no view maps it either. */
void mm_section_dereference(struct mm_control_area *ca);
/* MapViewOfFileEx: maps pages [first, first + pages) of ca (pages 0: to the
 * end) at *base (0: the lowest free 64 KB-aligned place; else a 64 KB
 * multiple, free) with Win32 protection protect (the view's: NOACCESS,
 * READONLY, READWRITE, WRITECOPY, EXECUTE_READ...) for a section created
 * with protection section (what VirtualProtect may add in the view). A
 * WRITECOPY view is charged its size now (its pages may all become private
 * copies). The caller checked
 * the handle's access and the protection against the section's. A Win32
 * error (ERROR_ACCESS_DENIED for a range past the section's end,
 * ERROR_INVALID_ADDRESS for a base in use, ERROR_INVALID_PARAMETER for a
 * view reaching outside user space, ERROR_NOT_ENOUGH_MEMORY for no
 * room, ERROR_COMMITMENT_LIMIT) or 0 with *base set. */
/* MapViewOfFile3's additions: type MEM_REPLACE_PLACEHOLDER maps the view
 * in place of the placeholder that is exactly [*base, *base + the view's
 * size) (else ERROR_INVALID_ADDRESS), which a preserving unmap gives back;
 * place (NULL: the default), for *base 0, says where the view may go. */
uint32_t vm_map_view(struct vm_space *vm, struct mm_control_area *ca, uint32_t first,
		     uint32_t pages, vaddr_t *base, uint32_t protect, uint32_t section,
		     uint32_t type, const struct vm_placement *place);
/* UnmapViewOfFile: the view holding addr goes (ERROR_INVALID_ADDRESS when
 * addr is in no view). */
uint32_t vm_unmap_view(struct vm_space *vm, vaddr_t addr);
/* UnmapViewOfFile2 with MEM_PRESERVE_PLACEHOLDER (mm/placeholder.c): the
 * view holding addr, which replaced a placeholder, becomes that placeholder
 * again; ERROR_INVALID_ADDRESS when addr is in no such view. */
uint32_t vm_unmap_view_preserve(struct vm_space *vm, vaddr_t addr);
/* FlushViewOfFile: [addr, addr + size) (size 0: to the view's end) must lie
 * in a view (else ERROR_INVALID_ADDRESS); a pagefile section has nothing to
 * write; a file's dirty pages there (this process's PTEs' dirty bits
 * collected first) are written to the file before it returns (the write's
 * error). */
uint32_t vm_flush_view(struct vm_space *vm, vaddr_t addr, uint32_t size);
/* The name of the section mapped at addr (vados's own query: NT keeps no
 * name for a pagefile section's views): the name its section object was
 * created with, kept while a view maps it even once every handle is closed,
 * copied into buf[size] ("" when unnamed); with file, GetMappedFileName's:
 * the full path of the file mapped there (mm_file_io's name; an image's:
 * its control area's name), ERROR_FILE_INVALID in a pagefile section's
 * view. ERROR_INVALID_ADDRESS when addr is in no view. */
uint32_t vm_view_name(struct vm_space *vm, vaddr_t addr, bool file, char *buf, uint32_t size);
/* Checks every section: each valid prototype PTE's frame points back at it
 * and counts exactly the process PTEs mapping it; each view's valid shared
 * PTE maps its prototype's frame; commit counts add up. Prints one line per
 * problem and returns how many. */
uint32_t mm_section_check(void);

#endif
