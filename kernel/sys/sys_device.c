/* Device handles (kernel/io/device.h): CreateFile of a Win32 device name
 * (kernel/rtl/devname.h), the null device's reads, writes and position,
 * and what ring 3 asks of a handle to do the console's. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/device.h"
#include "kernel/io/file.h"
#include "kernel/ke/lock.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/devname.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/path.h"
#include "kernel/rtl/winerror.h"
#include "arch/uaccess.h"
#include "user/include/vados/syscall.h"

/* The device name is, for a handle with access (CON is the input with
 * read access, the output with write access, nothing with both or
 * neither: 0 with *err ERROR_FILE_NOT_FOUND); 0, *err 0, for a file's
 * name. */
static enum io_device_kind device_named(const char *name, uint32_t access, uint32_t *err)
{
	bool read = access & FILE_READ_DATA, write = access & (FILE_WRITE_DATA | FILE_APPEND_DATA);
	size_t at, len;

	*err = 0;
	switch (rtl_device_name(name, &at, &len)) {
	case RTL_DEVICE_NUL:
		return IO_DEVICE_NUL;
	case RTL_DEVICE_CONIN:
		return IO_DEVICE_CONIN;
	case RTL_DEVICE_CONOUT:
		return IO_DEVICE_CONOUT;
	case RTL_DEVICE_CON:
		if (read != write)
			return read ? IO_DEVICE_CONIN : IO_DEVICE_CONOUT;
		*err = ERROR_FILE_NOT_FOUND;
		return 0;
	default:
		return 0;
	}
}

bool sys_device_open(const char *name, uint32_t access, bool inherit, struct sysret *r)
{
	enum io_device_kind kind = device_named(name, access, &r->error);
	struct io_device *d;

	r->value = 0;
	if (!kind)
		return r->error != 0;
	if (!(d = device_create(kind))) {
		r->error = ERROR_NOT_ENOUGH_MEMORY;
		return true;
	}
	r->error = ob_open_object(process_handles(), d, access, inherit ? HANDLE_FLAG_INHERIT : 0,
				  &r->value);
	ob_dereference(d);              /* the handle holds its own */
	return true;
}

/* The Device object of handle with the rights right (any: 0), referenced:
 * 0, or ob's error (ERROR_INVALID_HANDLE for another object). */
static uint32_t device_ref(uint32_t handle, uint32_t right, struct io_device **out,
			   uint32_t *granted)
{
	return ob_reference_by_handle(process_handles(), handle, &device_type, right,
				      (void **)out, granted);
}

bool sys_device_transfer(uint32_t handle, uint32_t len, bool write, struct sysret *r)
{
	struct io_device *d;
	uint32_t granted;

	if (device_ref(handle, 0, &d, &granted))
		return false;
	if (d->kind != IO_DEVICE_NUL)
		*r = (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	else if (!(granted & (write ? FILE_WRITE_DATA | FILE_APPEND_DATA : FILE_READ_DATA)))
		*r = (struct sysret){ ERROR_ACCESS_DENIED, 0 };
	else
		*r = (struct sysret){ ERROR_SUCCESS, write ? len : 0 };
	ob_dereference(d);
	return true;
}

static const struct ke_lock_class position_class = { "device positions", KE_RANK_DEVICE, true,
						     NULL };
/* Guards every device's position (a 64-bit word, which an i486 cannot
 * swap whole). */
static struct ke_spin_lock position_lock = { .cls = &position_class };

/* Moves d's position as SetFilePointerEx (method 0 begin, 1 current, 2 the
 * end, which is 0: the device holds nothing) into *position. */
static uint32_t device_move(struct io_device *d, int64_t distance, uint32_t method,
			    uint64_t *position)
{
	uint32_t err = ERROR_SUCCESS;
	int64_t to;

	if (method > 2)
		return ERROR_INVALID_PARAMETER;
	ke_acquire_spin_lock(&position_lock);
	to = (method == 1 ? (int64_t)d->position : 0) + distance;
	if (to < 0)
		err = ERROR_NEGATIVE_SEEK;
	else
		d->position = (uint64_t)to;
	*position = d->position;
	ke_release_spin_lock(&position_lock);
	return err;
}

bool sys_device_seek(uint32_t handle, uint32_t user, uint32_t method, struct sysret *r)
{
	struct io_device *d;
	int64_t distance;
	uint64_t position;

	if (device_ref(handle, 0, &d, NULL))
		return false;
	*r = (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	if (d->kind == IO_DEVICE_NUL) {
		if (!probe_user(user, sizeof(distance), true) ||
		    !copy_from_user(&distance, user, sizeof(distance)))
			r->error = ERROR_NOACCESS;
		else if (!(r->error = device_move(d, distance, method, &position)))
			r->error = sys_copy_out(user, &position, sizeof(position)).error;
	}
	ob_dereference(d);
	return true;
}

enum io_device_kind sys_device_kind(uint32_t handle)
{
	struct io_device *d;
	enum io_device_kind kind;

	if (device_ref(handle, 0, &d, NULL))
		return 0;
	kind = d->kind;
	ob_dereference(d);
	return kind;
}

bool sys_device_find_data(uint32_t user, struct vados_find_data *d)
{
	char name[RTL_MAX_PATH];
	size_t at, len;

	if (!user || sys_copy_string_in(name, user, sizeof(name)) ||
	    rtl_device_name(name, &at, &len) != RTL_DEVICE_NUL)
		return false;
	memset(d, 0, sizeof(*d));
	d->attributes = FAT_ATTR_ARCHIVE;  /* FILE_ATTRIBUTE_ARCHIVE */
	memcpy(d->name, name + at, len);
	return true;
}

/* (handle) -> VADOS_DEVICE_*; any right will do. */
struct sysret sys_query_device(const uint32_t *a, struct trap_frame *f)
{
	enum io_device_kind kind = sys_device_kind(a[0]);

	(void)f;
	if (!kind)
		return (struct sysret){ ERROR_INVALID_HANDLE, 0 };
	return (struct sysret){ ERROR_SUCCESS, kind == IO_DEVICE_NUL     ? VADOS_DEVICE_NUL
					       : kind == IO_DEVICE_CONIN ? VADOS_DEVICE_CONIN
									 : VADOS_DEVICE_CONOUT };
}
