/* The file calls that take paths, and the path and time calls: every path
 * is resolved here, against the caller's current directory, the one way
 * GetFullPathNameA shows (kernel/rtl/path.h); kernel/io does the work. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/file.h"
#include "kernel/ke/systime.h"
#include "kernel/ps/process.h"
#include "kernel/rtl/devname.h"
#include "kernel/rtl/path.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/time.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define MOVEFILE_REPLACE_EXISTING 0x1u
#define MOVEFILE_COPY_ALLOWED     0x2u
#define MOVEFILE_WRITE_THROUGH    0x8u
#define FILE_ATTRIBUTE_NORMAL     0x80u

/* Why in, which rtl_full_path could not resolve, names nothing: a UNC
 * name's server is not on the network (vados has none), a device name
 * ("\\.\x") no device; anything else is not a name. */
static uint32_t unresolved_error(const char *in)
{
	bool sep0 = in[0] == '\\' || in[0] == '/', sep1 = in[1] == '\\' || in[1] == '/';

	if (!sep0 || !sep1)
		return ERROR_INVALID_NAME;
	if ((in[2] == '.' || in[2] == '?') && (in[3] == '\\' || in[3] == '/') &&
	    !((in[4] | 0x20) == 'u' && (in[5] | 0x20) == 'n' && (in[6] | 0x20) == 'c' &&
	      in[7] == '\\'))
		return ERROR_FILE_NOT_FOUND;
	return ERROR_BAD_NETPATH;
}

uint32_t sys_name_in(uint32_t user, char **buf)
{
	uint32_t err;

	if (!user)                      /* as Windows: no name, no path */
		return ERROR_PATH_NOT_FOUND;
	if (!(*buf = kmalloc(2 * RTL_PATH_WORK)))
		return ERROR_NOT_ENOUGH_MEMORY;
	err = sys_copy_string_in(*buf + RTL_PATH_WORK, user, RTL_PATH_WORK);
	if (err) {
		kfree(*buf);
		return err == ERROR_INVALID_PARAMETER ? ERROR_FILENAME_EXCED_RANGE : err;
	}
	return ERROR_SUCCESS;
}

uint32_t sys_path_resolve(char *buf)
{
	char cwd[RTL_MAX_PATH];
	size_t n;

	ps_get_cwd(process_current(), cwd);
	n = rtl_full_path(cwd, buf + RTL_PATH_WORK, buf);
	return !buf[RTL_PATH_WORK] ? ERROR_PATH_NOT_FOUND
	       : n == 0		   ? unresolved_error(buf + RTL_PATH_WORK)
	       : n >= RTL_MAX_PATH ? ERROR_FILENAME_EXCED_RANGE
				   : ERROR_SUCCESS;
}

uint32_t sys_path_in(uint32_t user, char **full)
{
	uint32_t err = sys_name_in(user, full);

	if (!err && (err = sys_path_resolve(*full)) != ERROR_SUCCESS)
		kfree(*full);
	return err;
}

uint32_t sys_pattern_in(uint32_t user, char **full)
{
	uint32_t err = sys_path_in(user, full);
	const char *raw, *last;
	bool more = false;
	size_t n, len;

	if (err)
		return err;
	raw = *full + RTL_PATH_WORK;    /* sys_path_in's copy of the user's path */
	n = strlen(raw);
	last = raw + n;
	while (last > raw && last[-1] != '\\' && last[-1] != '/' && last[-1] != ':')
		more |= *--last != '.' && *last != ' ';
	len = strlen(*full);
	if (more && raw[n - 1] == '.' && (*full)[len - 1] != '\\' && len + 1 < RTL_MAX_PATH) {
		(*full)[len] = '.';
		(*full)[len + 1] = '\0';
	}
	return ERROR_SUCCESS;
}

void sys_filetime_out(const struct fat_time *t, unsigned int out[2])
{
	struct rtl_time_fields f = { t->year, t->month, 0, t->day, t->hour, t->minute, t->second,
				     t->milliseconds };
	uint64_t ft = 0;

	rtl_fields_to_time(&f, &ft);    /* an unset time (a zero date) stays 0 */
	out[0] = (unsigned int)ft;
	out[1] = (unsigned int)(ft >> 32);
}

static char ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Whether a and b are one name but for the case of ASCII letters. */
static bool same_name_any_case(const char *a, const char *b)
{
	while (*a && ascii_upper(*a) == ascii_upper(*b))
		a++, b++;
	return *a == *b;
}

void sys_find_data(const struct fat_info *i, struct vados_find_data *d)
{
	memset(d, 0, sizeof(*d));
	d->attributes = i->attributes ? i->attributes : FILE_ATTRIBUTE_NORMAL;
	sys_filetime_out(&i->created, d->created);
	sys_filetime_out(&i->accessed, d->accessed);
	sys_filetime_out(&i->written, d->written);
	d->size_low = i->size;
	strlcpy(d->name, i->name[0] ? i->name : i->short_name, sizeof(d->name));
	/* cAlternateFileName: the 8.3 name when the long one is not a valid 8.3
	 * name (a difference of case alone does not count, as on Windows). */
	if (i->name[0] && !same_name_any_case(i->name, i->short_name))
		strlcpy(d->short_name, i->short_name, sizeof(d->short_name));
}

/* The calls whose whole work is one io call on one path. */
enum path_call { P_DELETE, P_MKDIR, P_RMDIR, P_SET_CWD };

uint32_t sys_directory_check(const char *full, char cwd[RTL_MAX_PATH])
{
	struct fat_info *info = kmalloc(sizeof(*info));
	uint32_t err = info ? file_stat(full, info) : ERROR_NOT_ENOUGH_MEMORY;
	size_t n = strlen(full);

	if (!err && !(info->attributes & FAT_ATTR_DIRECTORY))
		err = ERROR_DIRECTORY;
	kfree(info);
	if (err)
		return err;
	strlcpy(cwd, full, RTL_MAX_PATH);
	if (n > 3 && cwd[n - 1] == '\\')
		cwd[n - 1] = '\0';
	return ERROR_SUCCESS;
}

static uint32_t set_cwd(const char *full)
{
	char cwd[RTL_MAX_PATH];
	uint32_t err = sys_directory_check(full, cwd);

	if (!err)
		ps_set_cwd(process_current(), cwd);
	return err;
}

static bool is_directory_named(const char *cwd, const void *dir)
{
	return same_name_any_case(cwd, dir);
}

/* RemoveDirectory: NT holds every process's current directory open, so
 * removing one meets a sharing violation (ERROR_SHARING_VIOLATION) before
 * anything else is looked at. */
static uint32_t remove_directory(const char *full)
{
	char dir[RTL_MAX_PATH];
	size_t n = strlcpy(dir, full, sizeof(dir));

	if (n > 3 && n < sizeof(dir) && dir[n - 1] == '\\')
		dir[n - 1] = '\0';
	if (ps_cwd_any(is_directory_named, dir))
		return ERROR_SHARING_VIOLATION;
	return file_rmdir(full);
}

static struct sysret one_path(uint32_t user, enum path_call call)
{
	char *full;
	uint32_t err = sys_path_in(user, &full);

	if (err)
		return (struct sysret){ err, 0 };
	switch (call) {
	case P_DELETE: err = file_delete(full); break;
	case P_MKDIR: err = file_mkdir(full); break;
	case P_RMDIR: err = remove_directory(full); break;
	case P_SET_CWD: err = set_cwd(full); break;
	}
	kfree(full);
	return (struct sysret){ err, 0 };
}

/* (path) */
struct sysret sys_delete_file(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return one_path(a[0], P_DELETE);
}

/* (path) */
struct sysret sys_create_directory(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return one_path(a[0], P_MKDIR);
}

/* (path) */
struct sysret sys_remove_directory(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return one_path(a[0], P_RMDIR);
}

/* (path): the directory must exist (ERROR_DIRECTORY for a file). */
struct sysret sys_set_current_directory(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return one_path(a[0], P_SET_CWD);
}

/* (from, to, flags): MOVEFILE_REPLACE_EXISTING; across volumes only a copy
 * could move it (ring 3 does that with MOVEFILE_COPY_ALLOWED). */
struct sysret sys_move_file(const uint32_t *a, struct trap_frame *f)
{
	char *from, *to = NULL;
	uint32_t err;

	(void)f;
	if (a[2] & ~(MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED | MOVEFILE_WRITE_THROUGH))
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if ((err = sys_path_in(a[0], &from)) != ERROR_SUCCESS)
		return (struct sysret){ err, 0 };
	if ((err = sys_path_in(a[1], &to)) == ERROR_SUCCESS)
		err = file_move(from, to, a[2] & MOVEFILE_REPLACE_EXISTING);
	kfree(from);
	kfree(to);
	return (struct sysret){ err, 0 };
}

/* (path, struct vados_find_data * or 0) -> attributes */
struct sysret sys_get_file_attributes(const uint32_t *a, struct trap_frame *f)
{
	struct fat_info *info = kmalloc(sizeof(*info));
	struct vados_find_data *d = kmalloc(sizeof(*d));
	uint32_t err = info && d ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY, attr = 0;
	char *full;

	(void)f;
	if (!err && sys_device_find_data(a[0], d)) {
		attr = d->attributes;
		if (a[1] && !copy_to_user(a[1], d, sizeof(*d)))
			err = ERROR_NOACCESS;
	} else if (!err && (err = sys_path_in(a[0], &full)) == ERROR_SUCCESS) {
		err = file_stat(full, info);
		kfree(full);
	}
	if (!err && !attr) {
		sys_find_data(info, d);
		attr = d->attributes;
		if (a[1] && !copy_to_user(a[1], d, sizeof(*d)))
			err = ERROR_NOACCESS;
	}
	kfree(info);
	kfree(d);
	return (struct sysret){ err, err ? 0 : attr };
}

/* (path, attributes): FILE_ATTRIBUTE_NORMAL alone clears them. */
struct sysret sys_set_file_attributes(const uint32_t *a, struct trap_frame *f)
{
	char *full;
	uint32_t err = sys_path_in(a[0], &full);

	(void)f;
	if (err)
		return (struct sysret){ err, 0 };
	err = file_set_attributes(full, a[1] & FAT_ATTR_SETTABLE);
	kfree(full);
	return (struct sysret){ err, 0 };
}

struct sysret sys_string_out(uint32_t user, uint32_t size, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);

	if (size <= n)
		return (struct sysret){ ERROR_SUCCESS, n + 1 };
	if (!copy_to_user(user, s, n + 1))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	return (struct sysret){ ERROR_SUCCESS, n };
}

/* (buf, size) -> length, or the size needed with the terminator */
struct sysret sys_get_current_directory(const uint32_t *a, struct trap_frame *f)
{
	char cwd[RTL_MAX_PATH];

	(void)f;
	ps_get_cwd(process_current(), cwd);
	return sys_string_out(a[0], a[1], cwd);
}

/* GetFullPathName's answer for in into out (RTL_PATH_WORK + 4 characters):
 * its length, 0 for a name vados cannot resolve, RTL_PATH_WORK or more when
 * too long. A "\\?\" path is Windows' literal name and comes back as it is;
 * a "\\.\C:" one keeps its prefix before the resolved path; a device's
 * name (kernel/rtl/devname.h) is "\\.\" and the name as typed ("\\.\NUL"). */
static size_t full_path_of(const char *in, char *out)
{
	size_t pre = rtl_device_prefix(in), n, at, len;
	char cwd[RTL_MAX_PATH];

	if (rtl_device_name(in, &at, &len) && !(in[0] == '\\' && in[1] == '\\')) {
		memcpy(out, "\\\\.\\", 4);      /* a device's name, with no directory */
		memcpy(out + 4, in + at, len);
		out[4 + len] = '\0';
		return 4 + len;
	}
	if ((pre && in[2] == '?') || rtl_device_name(in, &at, &len)) {
		n = strlcpy(out, in, RTL_PATH_WORK);    /* a device's full name as it is */
		return n < RTL_PATH_WORK ? n : RTL_PATH_WORK;
	}
	ps_get_cwd(process_current(), cwd);
	memcpy(out, in, pre);
	n = rtl_full_path(cwd, in, out + pre);
	return n ? pre + n : 0;
}

/* (path, buf, size) -> length, or the size needed with the terminator */
struct sysret sys_get_full_path(const uint32_t *a, struct trap_frame *f)
{
	char *buf = kmalloc(2 * RTL_PATH_WORK + 4), *in;
	uint32_t err, n = 0;

	(void)f;
	if (!buf)
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	in = buf + RTL_PATH_WORK + 4;
	err = sys_copy_string_in(in, a[0], RTL_PATH_WORK);
	if (err == ERROR_INVALID_PARAMETER)
		err = ERROR_FILENAME_EXCED_RANGE;
	if (!err) {
		n = (uint32_t)full_path_of(in, buf);
		if (n == 0 || n >= RTL_PATH_WORK)
			err = n ? ERROR_FILENAME_EXCED_RANGE
				: in[0] ? ERROR_INVALID_NAME : ERROR_INVALID_PARAMETER;
		else if (n >= a[2])
			n++;                    /* the size needed */
		else if (!copy_to_user(a[1], buf, n + 1))
			err = ERROR_NOACCESS;
	}
	kfree(buf);
	return (struct sysret){ err, err ? 0 : n };
}

/* (directory or 0, uint32 out[4]) */
struct sysret sys_disk_free_space(const uint32_t *a, struct trap_frame *f)
{
	uint32_t out[4] = { 512, 0, 0, 0 }, cluster = 0, err;
	char *full, dir[RTL_MAX_PATH];

	(void)f;
	if (a[0]) {
		if ((err = sys_path_in(a[0], &full)) != ERROR_SUCCESS)
			return (struct sysret){ err, 0 };
		/* Any directory of the volume names it, as on Windows (which
		 * opens it): a missing one or a file fails. */
		if ((err = sys_directory_check(full, dir)) != ERROR_SUCCESS) {
			kfree(full);
			return (struct sysret){ err, 0 };
		}
	} else if (!(full = kmalloc(RTL_MAX_PATH))) {
		return (struct sysret){ ERROR_NOT_ENOUGH_MEMORY, 0 };
	} else {
		ps_get_cwd(process_current(), full);
	}
	err = file_disk_space(full, &cluster, &out[2], &out[3]);
	kfree(full);
	out[1] = cluster / out[0];
	if (!err && !copy_to_user(a[1], out, sizeof(out)))
		err = ERROR_NOACCESS;
	return (struct sysret){ err, 0 };
}

/* (uint64 *) */
struct sysret sys_get_system_time(const uint32_t *a, struct trap_frame *f)
{
	uint64_t now = ke_system_time();

	(void)f;
	return sys_copy_out(a[0], &now, sizeof(now));
}
