/* Image sections (NT's SEC_IMAGE): a program file's pages as one control
 * area and segment of prototype PTEs, shared by every process that runs it.
 * What the kernel (kernel/ps's loader) sees; the insides are mm/image.c.
 *
 * The image is described format-neutrally (struct vm_image, mm/vm.h: where
 * each part goes, which bytes of the file fill it, its protection), so the
 * loader's parser (kernel/ps/elf.c) is the only code that knows the file
 * format. Each page of the image is one prototype PTE:
 *   - a page holding file bytes is "on the file" (PTE_SUBSECTION): read on
 *     first touch through the image's source, then shared by every view;
 *     trimmed, it is dropped (clean: to the standby list, never to swap) and
 *     read again later;
 *   - a page of zeroes only (BSS) is demand-zero; each process gets its own
 *     zeroed page (its view's PTE is private demand-zero from the start);
 *   - a page between parts is not committed.
 * Views map code and read-only pages shared, writable data copy-on-write
 * (private once written, charged when mapped, as NT charges an image's
 * writable pages).
 *
 * One image section per program file: the creator passes the slot that
 * names it (the file's FCB, a boot module's entry), which holds the control
 * area while any process maps it, and NULL otherwise. Slots are read and
 * written under the PFN lock (mm/section.h's lock). The section holds its
 * file until it is deleted. */
#ifndef MM_IMAGE_H
#define MM_IMAGE_H

#include "arch/types.h"
#include "mm/vm.h"

struct mm_control_area;

/* Where an image's bytes come from: its program file (kernel/ps gives the
 * file system's read, or a boot module's memory). mm never calls the file
 * system but through these. */
struct mm_image_source {
	/* Reads n bytes at offset of file into dst (kernel memory); false on
	 * an I/O error. Called without any memory-manager lock; may sleep. */
	bool (*read)(void *file, uint32_t offset, uint32_t n, void *dst);
	/* The image section is gone: file is not read any more. */
	void (*close)(void *file);
};

/* The image section in *slot, referenced (one section reference, given
 * back by mm_section_dereference), or NULL when there is none alive. */
struct mm_control_area *mm_image_lookup(struct mm_control_area **slot);
/* Makes the image section of img (sorted, page-disjoint parts, all in
 * user space) read from file through src, named name (the file's path, for
 * GetMappedFileName), referenced for the caller, and puts it in *slot. When
 * another thread made one meanwhile, that one is referenced instead and
 * file closed at once. ERROR_NOT_ENOUGH_MEMORY (file closed too), or 0 and
 * *out. */
uint32_t mm_image_create(const struct vm_image *img, const struct mm_image_source *src,
			 void *file, const char *name, struct mm_control_area **slot,
			 struct mm_control_area **out);
/* Gives up the caller's reference to ca (mm_image_lookup's or
 * mm_image_create's), holding no lock: the last one deletes it. */
void mm_image_release(struct mm_control_area *ca);
/* Closes the files of image sections deleted while a spin lock was held
 * (the last view of a program going at exit or UnmapViewOfFile): called by
 * those paths once they hold no lock. */
void mm_image_reap(void);
/* The description the section was made from (its entry point too). */
const struct vm_image *mm_image_description(const struct mm_control_area *ca);
/* Maps image section ca into vm as one MEM_IMAGE view, AllocationProtect
 * PAGE_EXECUTE_WRITECOPY, each part with its protection, its writable pages
 * charged: at *base, or (*base 0) at the image's base, and when that is
 * taken at the lowest free 64 KB-aligned place (Windows' "image not at
 * base": the pages stay relocated for the image's base). The view's address
 * in *base; ERROR_INVALID_ADDRESS (the place is taken),
 * ERROR_COMMITMENT_LIMIT, ERROR_NOT_ENOUGH_MEMORY, or 0. */
uint32_t vm_map_image(struct vm_space *vm, struct mm_control_area *ca, vaddr_t *base);

#endif
