/* Section objects (NT's file mapping objects): ob's Section type around
 * mm's control area (mm/section.h), and CreateFileMapping's and
 * MapViewOfFileEx's rules for pagefile-backed and file-backed sections.
 * Part of kernel/ex (see kernel/ex/event.h); it may call ob, mm, and
 * kernel/io for a file's control area. */
#ifndef KERNEL_EX_SECTION_H
#define KERNEL_EX_SECTION_H

#include "kernel/ob/ob.h"
#include "mm/section.h"

#define SECTION_QUERY                0x0001u
#define SECTION_MAP_WRITE            0x0002u
#define SECTION_MAP_READ             0x0004u
#define SECTION_MAP_EXECUTE          0x0008u
#define SECTION_EXTEND_SIZE          0x0010u
#define SECTION_MAP_EXECUTE_EXPLICIT 0x0020u
#define SECTION_ALL_ACCESS           0x000f001fu

#define FILE_MAP_COPY    0x0001u
#define FILE_MAP_WRITE   0x0002u
#define FILE_MAP_READ    0x0004u
#define FILE_MAP_EXECUTE 0x0020u
#define FILE_MAP_LARGE_PAGES     0x20000000u
#define FILE_MAP_TARGETS_INVALID 0x40000000u
#define FILE_MAP_RESERVE         0x80000000u

#define SEC_FILE         0x00800000u
#define SEC_IMAGE        0x01000000u
#define SEC_RESERVE      0x04000000u
#define SEC_COMMIT       0x08000000u
#define SEC_NOCACHE      0x10000000u
#define SEC_IMAGE_NO_EXECUTE (SEC_IMAGE | SEC_NOCACHE)
#define SEC_WRITECOMBINE 0x40000000u
#define SEC_LARGE_PAGES  0x80000000u

/* NT's SECTION object. */
struct section {
	struct mm_control_area *ca;     /* the section reference this object holds */
	uint32_t attributes;            /* SEC_COMMIT or SEC_RESERVE, SEC_NOCACHE or
					   SEC_WRITECOMBINE, SEC_FILE;
					   or SEC_IMAGE | SEC_FILE */
	uint32_t size;                  /* its size in bytes: a pagefile section's
					   rounded up to pages, a file's as asked (its
					   segment may be larger); an image's: unused,
					   it maps whole */
	uint32_t protect;               /* the Win32 protection it was created with */
};

extern struct ob_type section_type;

/* Registers the Section type (once, at boot). */
void section_init(void);
/* CreateFileMapping(INVALID_HANDLE_VALUE, ...): a pagefile-backed section
 * of size bytes (high, low; rounded up to pages) with flags = a page
 * protection (READONLY, READWRITE, WRITECOPY, EXECUTE_READ,
 * EXECUTE_READWRITE, EXECUTE_WRITECOPY) | nothing (SEC_COMMIT), or
 * SEC_COMMIT or SEC_RESERVE | SEC_NOCACHE or SEC_WRITECOMBINE (its views'
 * pages are PAGE_NOCACHE or PAGE_WRITECOMBINE), or SEC_COMMIT |
 * SEC_LARGE_PAGES (lock_memory: the caller's SeLockMemoryPrivilege is
 * enabled, else ERROR_PRIVILEGE_NOT_HELD; the size a multiple of the
 * large-page minimum), referenced once. ERROR_INVALID_PARAMETER for any
 * other protection or combination and a size of 0, ERROR_BAD_EXE_FORMAT
 * for SEC_IMAGE (no file), ERROR_NOT_ENOUGH_MEMORY past 2 GB, mm's errors,
 * or 0 and *out. name ("": none) is what the tools show for its views
 * (mm_section_create). */
uint32_t section_create(uint32_t flags, uint32_t size_high, uint32_t size_low,
			const char *name, bool lock_memory, struct section **out);
struct io_file;
/* CreateFileMapping(hFile, ...): a section over file's own control area
 * (one per file, shared by every section and view of it), of size bytes
 * (0: the file's size), flags as section_create's but SEC_LARGE_PAGES
 * (SEC_RESERVE has no effect on a file, as on Windows). The handle's access must allow the protection
 * (READONLY and WRITECOPY: FILE_READ_DATA; READWRITE: and FILE_WRITE_DATA;
 * EXECUTE_*: and FILE_EXECUTE), else ERROR_ACCESS_DENIED; an empty file with
 * size 0 is ERROR_FILE_INVALID; a larger size extends the file for a
 * writable protection (else ERROR_NOT_ENOUGH_MEMORY). */
uint32_t section_create_file(struct io_file *file, uint32_t flags, uint32_t size_high,
			     uint32_t size_low, struct section **out);
/* CreateFileMapping(hFile, ..., SEC_IMAGE | protection, ...)'s flags: a
 * protection as section_create takes and nothing else but SEC_NOCACHE
 * (SEC_IMAGE_NO_EXECUTE; Microsoft: no other attribute is valid with
 * SEC_IMAGE; the protection has no effect on the views, the image's parts
 * have their own). 0 or ERROR_INVALID_PARAMETER. */
uint32_t section_image_flags(uint32_t flags);
/* The section object of image section ca (kernel/ps's ps_image_of_file),
 * taking over the caller's reference to ca (given back on failure too).
 * ERROR_NOT_ENOUGH_MEMORY or 0 and *out. */
uint32_t section_create_image(struct mm_control_area *ca, struct section **out);
/* MapViewOfFileEx's first step, Windows' translation: the view protection
 * FILE_MAP_* access asks for (FILE_MAP_COPY alone: WRITECOPY; with
 * FILE_MAP_WRITE: READWRITE; with FILE_MAP_READ: READONLY; else NOACCESS;
 * FILE_MAP_EXECUTE makes the first three EXECUTE_) and the section rights a
 * handle must grant for it (NT's MmMakeSectionAccess: SECTION_MAP_WRITE to
 * write, else SECTION_MAP_READ; SECTION_MAP_EXECUTE to execute).
 * FILE_MAP_LARGE_PAGES and FILE_MAP_RESERVE: ERROR_INVALID_PARAMETER. */
uint32_t section_view_protect(uint32_t access, uint32_t *protect, uint32_t *rights);
/* The rest of it, on the current process's address space: a writing view
 * needs a writable section (else ERROR_ACCESS_DENIED; an image's is
 * PAGE_EXECUTE_WRITECOPY: no FILE_MAP_WRITE). An image maps whole (offset
 * and size ignored) as mm/image.h's vm_map_image: at *base, or at the
 * image's base, else wherever there is room. Otherwise the offset must
 * be a 64 KB multiple (else ERROR_MAPPED_ALIGNMENT) and lie with size bytes
 * (0: to the end) inside the section's size in bytes (else
 * ERROR_ACCESS_DENIED); *base 0 or
 * a free 64 KB multiple (else ERROR_MAPPED_ALIGNMENT, ERROR_INVALID_ADDRESS).
 * 0 with *base the view's address, or the error. MapViewOfFile3's type
 * MEM_REPLACE_PLACEHOLDER (no image: ERROR_INVALID_PARAMETER) takes page
 * multiples for the offset and *base instead (vm_map_view has the rest);
 * place (NULL: none) is vm_map_view's. */
uint32_t section_map_view(struct section *s, struct vm_space *vm, uint32_t protect,
			  uint32_t offset_high, uint32_t offset_low, uint32_t size, vaddr_t *base,
			  uint32_t type, const struct vm_placement *place);

#endif
