/* Sections as system calls: CreateFileMapping (pagefile- or file-backed),
 * OpenFileMapping, MapViewOfFileEx, UnmapViewOfFile, FlushViewOfFile,
 * GetMappedFileName, and the name of a view's section for the tools
 * (vados's own). Named
 * like events (kernel/sys/sys_named.c); the rules are kernel/ex/section.h's
 * and mm/section.h's. Views are mapped into the caller's own process, or
 * (MapViewOfFile2 and 3, UnmapViewOfFile2) into the one a handle names. */
#include "kernel/sys/syscalls.h"
#include "kernel/ex/section.h"
#include "kernel/io/file.h"
#include "kernel/io/volume.h"
#include "kernel/rtl/path.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/string.h"
#include "arch/uaccess.h"

/* SEC_IMAGE: the image section of file, the loader's (sizes ignored, as
 * Windows does: the image file says what it holds). */
static uint32_t create_image_section(struct io_file *file, uint32_t flags, struct section **s)
{
	struct mm_control_area *ca;
	uint32_t err = section_image_flags(flags);

	if (!err)
		err = ps_image_of_file(file, &ca);
	return err ? err : section_create_image(ca, s);
}

/* A section over the file of handle h (any access: section_create_file
 * checks what the protection needs; SEC_IMAGE: the image section). */
static uint32_t create_file_section(uint32_t h, const uint32_t *a, struct section **s)
{
	struct io_file *file;
	uint32_t err = ob_reference_by_handle(process_handles(), h, &file_type, 0,
					      (void **)&file, NULL);

	if (err)
		return err;
	if (a[1] & SEC_IMAGE)
		err = create_image_section(file, a[1], s);
	else
		err = section_create_file(file, a[1], a[2], a[3], s);
	ob_dereference(file);
	return err;
}

/* (name or 0, protection | SEC_*, size high, size low, access, inherit,
 * uint32 *existed, file handle or INVALID_HANDLE_VALUE) -> handle; an
 * existing section's name opens it (the size and protection ignored, as
 * Windows does, once they were found valid). A file handle of 0 is no
 * file, as NtCreateSection takes it: a pagefile section. */
struct sysret sys_create_section(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	struct section *s = NULL;
	uint32_t err = sys_named_in(name, a[0], a[6]);

	(void)f;
	if (!err && a[7] != 0xffffffffu && a[7] != 0)
		err = create_file_section(a[7], a, &s);
	else if (!err)
		err = section_create(a[1], a[2], a[3], name,
				     se_privilege_enabled(process_current()->token,
							  SE_LOCK_MEMORY_PRIVILEGE), &s);
	if (err)
		return (struct sysret){ err, 0 };
	return sys_named_create(s, name, a[4], a[5], a[6]);
}

/* (name, access, inherit) -> handle */
struct sysret sys_open_section(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return sys_named_open(&section_type, a[0], a[1], a[2]);
}

/* Runs op(vm, arg) on the address space of the process handle h names,
 * when h grants access: the caller's own directly, another's attached (NT's
 * KeStackAttachProcess), so op touches no user memory of the caller's. */
static uint32_t in_process(uint32_t h, uint32_t access,
			   uint32_t (*op)(struct vm_space *vm, void *arg), void *arg)
{
	struct process *p;
	uint32_t err;

	if (h == HANDLE_CURRENT_PROCESS)
		return op(process_current()->vm, arg);
	if ((err = process_by_handle(h, access, &p)) != 0)
		return err;
	err = ERROR_ACCESS_DENIED;      /* it has exited */
	if (process_attach(p)) {
		err = op(p->vm, arg);
		process_detach(p);
	}
	ob_dereference(p);
	return err;
}

/* A view to map: SYS_MAP_VIEW3's arguments a, the section, the page
 * protection, type and place; base in: the one asked for, out: the view's. */
struct map_call {
	const uint32_t *a;
	struct section *s;
	uint32_t protect, type;
	const struct vm_placement *place;
	vaddr_t base;
};

static uint32_t op_map(struct vm_space *vm, void *arg)
{
	struct map_call *c = arg;

	return section_map_view(c->s, vm, c->protect, c->a[2], c->a[3], c->a[4], &c->base,
				c->type, c->place);
}

/* Maps a view of section handle a[0] as SYS_MAP_VIEW3 says, with type and
 * place, into the process handle process names (PROCESS_VM_OPERATION, as
 * NtMapViewOfSection wants). The section handle must grant the rights the
 * view's protection needs (NT's MmMakeSectionAccess). */
static struct sysret map_view(const uint32_t *a, uint32_t type, const struct vm_placement *place,
			      uint32_t process)
{
	struct map_call c = { .a = a, .type = type, .place = place, .base = a[5] };
	uint32_t rights, err = section_view_protect(a[1], &c.protect, &rights);

	if (!err)
		err = ob_reference_by_handle(process_handles(), a[0], &section_type, rights,
					     (void **)&c.s, NULL);
	if (err)
		return (struct sysret){ err, 0 };
	err = in_process(process, PROCESS_VM_OPERATION, op_map, &c);
	ob_dereference(c.s);
	return (struct sysret){ err, err ? 0 : c.base };
}

/* (section, FILE_MAP_* access, offset high, offset low, size, base or 0)
 * -> the view's address. */
struct sysret sys_map_view(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return map_view(a, 0, NULL, HANDLE_CURRENT_PROCESS);
}

/* The same, then 0 or MEM_REPLACE_PLACEHOLDER, a placement (a base and a
 * placement together: ERROR_INVALID_PARAMETER) and the process. */
struct sysret sys_map_view3(const uint32_t *a, struct trap_frame *f)
{
	struct vm_placement place;
	const struct vm_placement *use;
	uint32_t err = sys_placement(a[7], &place, &use);

	(void)f;
	if (!err && ((a[6] & ~MEM_REPLACE_PLACEHOLDER) || (use && (a[5] || a[6]))))
		err = ERROR_INVALID_PARAMETER;
	return err ? (struct sysret){ err, 0 } : map_view(a, a[6], use, a[8]);
}

/* (address): the view holding it goes */
struct sysret sys_unmap_view(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ vm_unmap_view(process_current()->vm, a[0]), 0 };
}

/* A view to unmap: the address in it, and whether it becomes the
 * placeholder it replaced. */
struct unmap_call {
	vaddr_t addr;
	bool preserve;
};

static uint32_t op_unmap(struct vm_space *vm, void *arg)
{
	struct unmap_call *c = arg;

	return c->preserve ? vm_unmap_view_preserve(vm, c->addr) : vm_unmap_view(vm, c->addr);
}

/* (process, address, preserve): UnmapViewOfFile2, PROCESS_VM_OPERATION as
 * NtUnmapViewOfSection wants. */
struct sysret sys_unmap_view2(const uint32_t *a, struct trap_frame *f)
{
	struct unmap_call c = { a[1], a[2] != 0 };

	(void)f;
	return (struct sysret){ in_process(a[0], PROCESS_VM_OPERATION, op_unmap, &c), 0 };
}

/* (address, size) */
struct sysret sys_flush_view(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ vm_flush_view(process_current()->vm, a[0], a[1]), 0 };
}

/* A view's name to find: vm_view_name's arguments. */
struct name_call {
	vaddr_t addr;
	bool file;
	char *name;
	uint32_t size;
};

static uint32_t op_name(struct vm_space *vm, void *arg)
{
	struct name_call *c = arg;

	return vm_view_name(vm, c->addr, c->file, c->name, c->size);
}

/* vm_view_name of address addr in process h (PROCESS_QUERY_INFORMATION, as
 * VirtualQueryEx) into name[size]. */
static uint32_t view_name(uint32_t h, uint32_t addr, bool file, char *name, uint32_t size)
{
	struct name_call c = { addr, file, name, size };

	return in_process(h, PROCESS_QUERY_INFORMATION, op_name, &c);
}

/* (process, address, buf, size) -> the name's length, or the size needed
 * (with the NUL) when size is too small; "" for an unnamed section. */
struct sysret sys_query_view_name(const uint32_t *a, struct trap_frame *f)
{
	char name[OB_NAME_MAX];
	uint32_t len, err = view_name(a[0], a[1], false, name, sizeof(name));

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	len = strlen(name);
	if (len >= a[3])
		return (struct sysret){ 0, len + 1 };
	if (!copy_to_user(a[2], name, len + 1))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ 0, len };
}

/* (process, address, buf, size) -> GetMappedFileNameA: the device-form name
 * of the file mapped at address and its length; a name that does not fit is
 * cut to size - 1 characters and the answer is size, the characters copied
 * with the terminator (as Windows answers: size 1 gives 1 and ""). Outside
 * views Windows' STATUS_INVALID_ADDRESS reaches the caller as
 * ERROR_UNEXP_NET_ERR. */
struct sysret sys_query_mapped_file(const uint32_t *a, struct trap_frame *f)
{
	char path[RTL_MAX_PATH], name[RTL_MAX_PATH + 32];
	uint32_t len, err = a[2] ? 0 : ERROR_INVALID_PARAMETER;

	(void)f;
	if (!err)
		err = view_name(a[0], a[1], true, path, sizeof(path));
	if (err == ERROR_INVALID_ADDRESS)
		err = ERROR_UNEXP_NET_ERR;
	if (!err && a[3] == 0)
		err = ERROR_INSUFFICIENT_BUFFER;
	if (err)
		return (struct sysret){ err, 0 };
	io_device_path(path, name, sizeof(name));
	len = strlen(name);
	if (len >= a[3]) {
		name[a[3] - 1] = 0;
		len = a[3];
	}
	if (!copy_to_user(a[2], name, strlen(name) + 1))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ 0, len };
}
