/* The handle calls every object type shares: CloseHandle, DuplicateHandle,
 * Get/SetHandleInformation, and the handle list behind the shell's
 * `handles` (the waits are kernel/sys/sys_wait.c's). Each resolves its handles through the object
 * manager (kernel/ob), which checks their types and rights. */
#include "kernel/sys/syscalls.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/string.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define DUPLICATE_CLOSE_SOURCE 1u
#define DUPLICATE_SAME_ACCESS  2u
#define LIST_MAX               64u

/* (handle) */
struct sysret sys_close_handle(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ ob_close_handle(process_handles(), a[0]), 0 };
}

/* The handle's access for a duplicate: the source's, or desired (mapped)
 * when it asks for no more than the source grants. */
static uint32_t duplicate_access(void *obj, uint32_t granted, uint32_t desired,
				 uint32_t options, uint32_t *access)
{
	const struct ob_type *type = ob_type_of(obj);
	uint32_t err;

	if (options & DUPLICATE_SAME_ACCESS) {
		*access = granted;
		return 0;
	}
	err = ob_grant_access(desired, &type->mapping, type->valid_access, access);
	if (!err && (*access & ~granted))
		err = ERROR_ACCESS_DENIED;
	return err;
}

/* Duplicates the caller-validated source handle of src into dst. */
static uint32_t duplicate(struct process *src, uint32_t handle, struct process *dst,
			  const uint32_t *a, uint32_t *out)
{
	uint32_t granted, access, err;
	void *obj;

	err = ob_reference_by_handle(&src->handles, handle, NULL, 0, &obj, &granted);
	if (err)
		return err;
	err = duplicate_access(obj, granted, a[4], a[6], &access);
	if (!err)
		err = ob_open_object(&dst->handles, obj, access,
				     a[5] ? HANDLE_FLAG_INHERIT : 0, out);
	ob_dereference(obj);
	return err;
}

/* (src process, src handle, dst process, uint32 *out, access, inherit,
 * options). DUPLICATE_CLOSE_SOURCE closes the source whatever happens, as on
 * Windows; with no destination process it only closes. */
struct sysret sys_duplicate_handle(const uint32_t *a, struct trap_frame *f)
{
	struct process *src = NULL, *dst = NULL;
	uint32_t err, h = 0, zero = 0;

	(void)f;
	err = process_by_handle(a[0], PROCESS_DUP_HANDLE, &src);
	if (!err && a[2] == 0 && !(a[6] & DUPLICATE_CLOSE_SOURCE))
		err = ERROR_INVALID_HANDLE;
	if (!err && a[2] != 0)
		err = process_by_handle(a[2], PROCESS_DUP_HANDLE, &dst);
	if (!err && a[3] && !copy_to_user(a[3], &zero, sizeof(zero)))
		err = ERROR_NOACCESS;
	if (!err && dst)
		err = duplicate(src, a[1], dst, a, &h);
	if (src && (a[6] & DUPLICATE_CLOSE_SOURCE)) {
		uint32_t flags;
		/* Only closing: a source that is no handle fails the call (a
		 * protected one stays open, silently, as any close-source does). */
		if (!err && !dst)
			err = ob_get_handle_flags(&src->handles, a[1], &flags);
		ob_close_handle(&src->handles, a[1]);
	}
	if (!err && a[3])
		copy_to_user(a[3], &h, sizeof(h));
	if (dst)
		ob_dereference(dst);
	if (src)
		ob_dereference(src);
	return (struct sysret){ err, 0 };
}

/* (handle) -> HANDLE_FLAG_* */
struct sysret sys_get_handle_info(const uint32_t *a, struct trap_frame *f)
{
	uint32_t flags = 0, err = ob_get_handle_flags(process_handles(), a[0], &flags);

	(void)f;
	return (struct sysret){ err, flags };
}

/* (handle, mask, flags) */
struct sysret sys_set_handle_info(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return (struct sysret){ ob_set_handle_flags(process_handles(), a[0], a[1], a[2]), 0 };
}

/* One handle as the tools show it. */
static void describe(const struct ob_handle_info *h, struct vados_handle_info *out)
{
	const struct ob_type *type = ob_type_of(h->object);

	memset(out, 0, sizeof(*out));
	out->handle = h->handle;
	out->access = h->access;
	out->flags = h->flags;
	strlcpy(out->type, type->name, sizeof(out->type));
	strlcpy(out->name, h->name, sizeof(out->name));
	if (type == &process_type)
		out->detail = ((struct process *)h->object)->pid;
}

/* (pid, after, struct vados_handle_info *buf, max) -> entries: the handles
 * of any process, for the shell's `handles` (a debugging tool, like
 * Sysinternals' handle.exe). */
struct sysret sys_list_handles(const uint32_t *a, struct trap_frame *f)
{
	struct process *p = process_find(a[0]);
	struct ob_handle_info *h = kmalloc(LIST_MAX * sizeof(*h));
	struct vados_handle_info *out = kmalloc(LIST_MAX * sizeof(*out));
	struct sysret r = { ERROR_NOT_ENOUGH_MEMORY, 0 };
	uint32_t n = 0;

	(void)f;
	if (!p)
		r.error = ERROR_INVALID_PARAMETER;
	else if (h && out) {
		n = ob_list_handles(&p->handles, a[1], h, a[3] < LIST_MAX ? a[3] : LIST_MAX);
		for (uint32_t i = 0; i < n; i++) {
			describe(&h[i], &out[i]);
			ob_dereference(h[i].object);
		}
		r = copy_to_user(a[2], out, n * sizeof(*out)) ?
			(struct sysret){ ERROR_SUCCESS, n } : (struct sysret){ ERROR_NOACCESS, 0 };
	}
	if (p)
		ob_dereference(p);
	kfree(h);
	kfree(out);
	return r;
}

/* (handle, handle): 0 when both name one object, else
 * ERROR_NOT_SAME_OBJECT (NT's STATUS_NOT_SAME_OBJECT); no right is needed
 * of either. A handle that names nothing: ERROR_INVALID_HANDLE. */
struct sysret sys_compare_objects(const uint32_t *a, struct trap_frame *f)
{
	void *first, *second;
	uint32_t err = ob_reference_by_handle(process_handles(), a[0], NULL, 0, &first, NULL);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = ob_reference_by_handle(process_handles(), a[1], NULL, 0, &second, NULL);
	if (!err)
		ob_dereference(second);
	ob_dereference(first);
	return (struct sysret){ err ? err : first == second ? 0 : ERROR_NOT_SAME_OBJECT, 0 };
}
