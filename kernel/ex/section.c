/* Section objects; see kernel/ex/section.h. */
#include "kernel/ex/section.h"
#include "mm/pte.h"
#include "mm/vmrange.h"
#include "kernel/io/file.h"
#include "mm/image.h"

#define SECTION_PAGES_MAX 0x80000u      /* 2 GB: as much as a user address space */
#define SECTION_VALID_ACCESS (SECTION_ALL_ACCESS | SYNCHRONIZE)

/* The last reference is gone: so is the section reference to the control
 * area (its segment stays while views map it). */
static void section_remove(void *body)
{
	struct section *s = body;

	if (s->ca && s->attributes & SEC_IMAGE)
		mm_image_release(s->ca);        /* closes the program file when the last */
	else if (s->ca)
		mm_section_dereference(s->ca);
}

/* NT's generic mapping for sections (ReactOS's measurements). */
struct ob_type section_type = {
	.name = "Section",
	.mapping = { 0x00020005u, 0x00020002u, 0x00020008u, SECTION_ALL_ACCESS },
	.valid_access = SECTION_VALID_ACCESS,
	.remove = section_remove,
};

void section_init(void)
{
	ob_register_type(&section_type);
}

/* The protections CreateFileMapping takes: one base value, nothing else. */
static bool section_protect_valid(uint32_t protect)
{
	switch (protect) {
	case PAGE_READONLY:
	case PAGE_READWRITE:
	case PAGE_WRITECOPY:
	case PAGE_EXECUTE_READ:
	case PAGE_EXECUTE_READWRITE:
	case PAGE_EXECUTE_WRITECOPY:
		return true;
	default:
		return false;
	}
}

/* The SEC_ attributes CreateFileMapping takes with a protection. */
#define SECTION_FLAGS (SEC_COMMIT | SEC_RESERVE | SEC_NOCACHE | SEC_WRITECOMBINE | SEC_LARGE_PAGES)

/* Whether attributes sec (SECTION_FLAGS bits; none is SEC_COMMIT) go
 * together, as NtCreateSection takes them: one of SEC_COMMIT and
 * SEC_RESERVE with the modifiers, not SEC_NOCACHE with SEC_WRITECOMBINE
 * (their page protections exclude each other), SEC_LARGE_PAGES only with
 * SEC_COMMIT. */
static bool section_flags_valid(uint32_t sec)
{
	return !sec || (!(sec & SEC_COMMIT) != !(sec & SEC_RESERVE) &&
			!((sec & SEC_NOCACHE) && (sec & SEC_WRITECOMBINE)) &&
			!((sec & SEC_LARGE_PAGES) && (sec & SEC_RESERVE)));
}

/* SEC_IMAGE without a file: its flags' error, else ERROR_BAD_EXE_FORMAT
 * (NT's STATUS_INVALID_FILE_FOR_SECTION). */
static uint32_t section_image_without_file(uint32_t flags)
{
	uint32_t err = section_image_flags(flags);

	return err ? err : ERROR_BAD_EXE_FORMAT;
}

/* SEC_LARGE_PAGES (pagefile sections, SEC_COMMIT): the creator's
 * SeLockMemoryPrivilege enabled, a size that is a multiple of the large-page
 * minimum. The section is made of small pages: large pages are a TLB
 * optimization the views can do without. */
static uint32_t section_large_check(uint32_t size, bool lock_memory)
{
	uint32_t large = vm_large_page_minimum();

	if (!lock_memory)
		return ERROR_PRIVILEGE_NOT_HELD;
	return large && size % large == 0 ? 0 : ERROR_INVALID_PARAMETER;
}

uint32_t section_create(uint32_t flags, uint32_t size_high, uint32_t size_low,
			const char *name, bool lock_memory, struct section **out)
{
	uint32_t sec = flags & SECTION_FLAGS, err;
	uint32_t protect = flags & ~sec;
	struct section *s;

	if (flags & SEC_IMAGE)
		return section_image_without_file(flags);
	if (!section_protect_valid(protect) || !section_flags_valid(sec) ||
	    (size_high == 0 && size_low == 0))
		return ERROR_INVALID_PARAMETER;
	if (size_high || size_low > SECTION_PAGES_MAX * PAGE_SIZE)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (sec & SEC_LARGE_PAGES && (err = section_large_check(size_low, lock_memory)))
		return err;
	if ((s = ob_create(&section_type, sizeof(*s))) == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;
	s->attributes = sec & SEC_RESERVE ? sec : sec | SEC_COMMIT;
	s->size = (size_low + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	s->protect = protect;
	err = mm_section_create(s->size / PAGE_SIZE, protect, sec & SEC_RESERVE, name, &s->ca);
	if (err) {
		ob_dereference(s);
		return err;
	}
	*out = s;
	return 0;
}

/* The rights a file handle must hold to be mapped with protection protect
 * (Microsoft's CreateFileMapping table). */
static uint32_t file_access_needed(uint32_t protect)
{
	uint32_t need = FILE_READ_DATA;

	if (protect & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE))
		need |= FILE_WRITE_DATA;
	if (protect & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY))
		need |= FILE_EXECUTE;
	return need;
}

uint32_t section_create_file(struct io_file *file, uint32_t flags, uint32_t size_high,
			     uint32_t size_low, struct section **out)
{
	uint32_t sec = flags & SECTION_FLAGS, err;
	uint32_t protect = flags & ~sec, size = size_low;
	bool extend = protect & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE);
	struct section *s;

	if (!section_protect_valid(protect) || !section_flags_valid(sec) || sec & SEC_LARGE_PAGES)
		return ERROR_INVALID_PARAMETER;
	if (size_high)
		return ERROR_NOT_ENOUGH_MEMORY;         /* FAT: below 4 GB */
	if ((s = ob_create(&section_type, sizeof(*s))) == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;
	s->attributes = SEC_FILE | SEC_COMMIT | (sec & (SEC_NOCACHE | SEC_WRITECOMBINE));
	s->protect = protect;
	if ((err = file_map(file, file_access_needed(protect), extend, &size, &s->ca))) {
		ob_dereference(s);
		return err;
	}
	s->size = size;
	*out = s;
	return 0;
}

uint32_t section_image_flags(uint32_t flags)
{
	return (flags & SEC_IMAGE_NO_EXECUTE) == SEC_IMAGE_NO_EXECUTE ?
		section_image_flags(flags & ~SEC_NOCACHE) :
		flags & SEC_IMAGE && section_protect_valid(flags & ~SEC_IMAGE) ? 0 :
		ERROR_INVALID_PARAMETER;
}

uint32_t section_create_image(struct mm_control_area *ca, struct section **out)
{
	struct section *s = ob_create(&section_type, sizeof(*s));

	if (!s) {
		mm_image_release(ca);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	s->ca = ca;
	s->attributes = SEC_IMAGE | SEC_FILE;
	s->protect = PAGE_EXECUTE_WRITECOPY;    /* the image's parts have their own */
	*out = s;
	return 0;
}

uint32_t section_view_protect(uint32_t access, uint32_t *protect, uint32_t *rights)
{
	bool exec = access & FILE_MAP_EXECUTE;

	access &= ~(FILE_MAP_EXECUTE | FILE_MAP_TARGETS_INVALID);
	if (access & (FILE_MAP_LARGE_PAGES | FILE_MAP_RESERVE))
		return ERROR_INVALID_PARAMETER;         /* no large-page or reserved views */
	if (access == FILE_MAP_COPY) {
		*protect = exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
		*rights = SECTION_MAP_READ;
	} else if (access & FILE_MAP_WRITE) {
		*protect = exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
		*rights = SECTION_MAP_WRITE;
	} else if (access & FILE_MAP_READ) {
		*protect = exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
		*rights = SECTION_MAP_READ;
	} else {
		*protect = PAGE_NOACCESS;
		*rights = SECTION_MAP_READ;
	}
	*rights |= exec ? SECTION_MAP_EXECUTE : 0;
	return 0;
}

/* Whether a view with Win32 protection view fits a section created with
 * section: writing needs a writable section (copy-on-write does not write
 * the section), executing an executable one (CreateFileMapping: only the
 * PAGE_EXECUTE_* protections allow views "for execute access"); every
 * section can be read and copied. */
static bool view_fits(uint32_t view, uint32_t section)
{
	bool writes = view & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE);
	bool execs = view & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY);

	return (!writes || (section & (PAGE_READWRITE | PAGE_EXECUTE_READWRITE))) &&
	       (!execs || (section & (PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE |
				      PAGE_EXECUTE_WRITECOPY)));
}

uint32_t section_map_view(struct section *s, struct vm_space *vm, uint32_t protect,
			  uint32_t offset_high, uint32_t offset_low, uint32_t size, vaddr_t *base,
			  uint32_t type, const struct vm_placement *place)
{
	bool replace = type & MEM_REPLACE_PLACEHOLDER;

	if (replace && (s->attributes & SEC_IMAGE))
		return ERROR_INVALID_PARAMETER;         /* data and pagefile views only */
	if ((offset_low | *base) & (replace ? PAGE_SIZE - 1 : VM_GRANULE - 1))
		return ERROR_MAPPED_ALIGNMENT;
	if (!view_fits(protect, s->protect))
		return ERROR_ACCESS_DENIED;
	if (s->attributes & SEC_IMAGE)
		return vm_map_image(vm, s->ca, base);   /* whole, as the loader maps it */
	/* Past the section's end, to the byte (a file's segment may reach
	 * further): STATUS_INVALID_VIEW_SIZE. */
	if (offset_high || offset_low >= s->size || size > s->size - offset_low)
		return ERROR_ACCESS_DENIED;
	if (size == 0)
		size = s->size - offset_low;
	if (s->attributes & SEC_NOCACHE)
		protect |= PAGE_NOCACHE;
	if (s->attributes & SEC_WRITECOMBINE)
		protect |= PAGE_WRITECOMBINE;
	return vm_map_view(vm, s->ca, offset_low / PAGE_SIZE,
			   (uint32_t)(((uint64_t)size + PAGE_SIZE - 1) / PAGE_SIZE), base, protect,
			   s->protect, type, place);
}
