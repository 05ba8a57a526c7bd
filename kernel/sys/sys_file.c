/* The file calls on handles: CreateFile (its path resolved as in
 * sys_path.c), ReadFile, WriteFile (byte-range locks: sys_filelock.c),
 * SetFilePointerEx, the size, attributes and times of an open file,
 * SetEndOfFile, FlushFileBuffers, and the FindFirstFile enumerations
 * (File objects too). A user buffer is probed whole first, so a bad one
 * fails with ERROR_NOACCESS before anything is read or written; the data
 * then moves between it and the file cache. */
#include "kernel/sys/syscalls.h"
#include "kernel/io/completion.h"
#include "kernel/io/device.h"
#include "kernel/io/file.h"
#include "kernel/ps/process.h"
#include "kernel/ps/psthread.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/time.h"
#include "arch/uaccess.h"
#include "mm/pool.h"
#include "user/include/vados/syscall.h"

#define FILE_SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define FILE_ATTRIBUTE_VALID 0x7fa7u    /* what CreateFile accepts in its attribute bits */
#define SECTOR_BYTES 512u

uint32_t sys_file_ref(uint32_t handle, uint32_t desired, struct io_file **out, uint32_t *granted)
{
	return ob_reference_by_handle(process_handles(), handle, &file_type, desired,
				      (void **)out, granted);
}

/* CreateFile's path: buf as sys_name_in filled it, resolved in place
 * (sys_path_resolve), but \\.\X: opens volume X: (buf "X:\\", its root
 * directory, marked). */
static uint32_t create_path(char *buf, struct io_open *o)
{
	const char *n = buf + RTL_PATH_WORK;

	if (n[0] != '\\' || n[1] != '\\' || n[2] != '.' || n[3] != '\\' || !n[4] || n[5] != ':' ||
	    n[6])
		return sys_path_resolve(buf);
	buf[0] = n[4];
	strcpy(buf + 1, ":\\");
	o->volume = true;
	o->flags |= FILE_FLAG_BACKUP_SEMANTICS;
	return ERROR_SUCCESS;
}

/* (path, access, share, disposition, flags and attributes, inherit,
 * uint32 *existed) -> handle; \\.\X: opens volume X:, a device's name
 * the device (sys_device.c). */
struct sysret sys_create_file(const uint32_t *a, struct trap_frame *f)
{
	struct io_open o = { ob_map_generic(a[1], &file_type.mapping), a[2], a[3], a[4], false };
	uint32_t err, h = 0, existed_word = 0;
	struct io_file *file;
	struct sysret r;
	bool existed;
	char *full;

	(void)f;
	/* As kernel32's CreateFile: every handle may wait and read attributes;
	 * delete on close needs DELETE. */
	o.access |= SYNCHRONIZE | FILE_READ_ATTRIBUTES;
	if (o.flags & FILE_FLAG_DELETE_ON_CLOSE)
		o.access |= DELETE;
	if (o.share & ~FILE_SHARE_ALL || o.disposition < CREATE_NEW ||
	    o.disposition > TRUNCATE_EXISTING ||
	    (o.disposition == TRUNCATE_EXISTING && !(o.access & FILE_WRITE_DATA)))
		return (struct sysret){ ERROR_INVALID_PARAMETER, 0 };
	if (!copy_to_user(a[6], &existed_word, sizeof(existed_word)))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	/* The name is copied once; a device's, a volume's or a path. */
	if ((err = sys_name_in(a[0], &full)) != ERROR_SUCCESS)
		return (struct sysret){ err, 0 };
	if (sys_device_open(full + RTL_PATH_WORK, o.access, a[5], &r)) {
		kfree(full);
		return r;
	}
	if (!(err = create_path(full, &o)))
		err = file_open(full, &o, &file, &existed);
	kfree(full);
	if (err)
		return (struct sysret){ err, 0 };
	err = ob_open_object(process_handles(), file, o.access, a[5] ? HANDLE_FLAG_INHERIT : 0, &h);
	ob_dereference(file);           /* the handle holds its own */
	if (err)
		return (struct sysret){ err, 0 };
	existed_word = existed;
	if (!copy_to_user(a[6], &existed_word, sizeof(existed_word))) {
		ob_close_handle(process_handles(), h);
		return (struct sysret){ ERROR_NOACCESS, 0 };
	}
	return (struct sysret){ ERROR_SUCCESS, h };
}

/* ReadFile's and WriteFile's work: the data moves between the user buffer
 * and the file cache's frames (kernel/io/cache.c); the File object is
 * signaled once it is done. */
static struct sysret transfer(struct io_file *file, uint32_t user, uint32_t len, bool write)
{
	struct io_buffer b = { .user = user };
	uint32_t done = 0, err = ERROR_SUCCESS;

	if (!probe_user(user, len, !write))
		return (struct sysret){ ERROR_NOACCESS, 0 };
	file_io_start(file);
	if (len || write)
		err = write ? file_write(file, process_handles(), &b, len, &done)
			    : file_read(file, process_handles(), &b, len, &done);
	file_io_done(file);
	return (struct sysret){ err, done };
}

/* An overlapped transfer that succeeded (a read that found the end did not)
 * reports to the file's completion port. */
static struct sysret completed(struct io_file *file, uint32_t overlapped, uint32_t asked,
			       struct sysret r, bool write)
{
	if (overlapped && !r.error && (write || r.value || !asked))
		r.error = io_completion_transfer_done(file, overlapped, r.value, 0, true);
	return r;
}

/* A read or write on a handle that is no File object (err): a device's,
 * or a pipe end's, counted, in a synchronous call CancelSynchronousIo may
 * end. */
static struct sysret pipe_transfer(const uint32_t *a, bool write, uint32_t err)
{
	struct sysret r;
	bool pipe;

	if (sys_device_transfer(a[0], a[2], write, &r))
		return r.error ? r : sys_io_counted(r, write);
	ps_sync_io_begin();
	pipe = sys_pipe_transfer(a[0], a[1], a[2], write, &r);
	ps_sync_io_end();
	return pipe ? sys_io_counted(r, write) : (struct sysret){ err, 0 };
}

/* (handle, buf, bytes, OVERLAPPED * or 0) -> bytes read; FILE_READ_DATA. A
 * pipe end reads as sys_pipe.c does. */
struct sysret sys_read_file(const uint32_t *a, struct trap_frame *f)
{
	struct io_file *file;
	uint32_t err = sys_file_ref(a[0], FILE_READ_DATA, &file, NULL);
	struct sysret r = { err, 0 };

	(void)f;
	if (err)
		return pipe_transfer(a, false, err);
	r = completed(file, a[3], a[2], transfer(file, a[1], a[2], false), false);
	ob_dereference(file);
	return sys_io_counted(r, false);
}

/* (handle, buf, bytes, OVERLAPPED * or 0) -> bytes written (a pipe end: as
 * sys_pipe.c writes); FILE_WRITE_DATA
 * or FILE_APPEND_DATA */
struct sysret sys_write_file(const uint32_t *a, struct trap_frame *f)
{
	struct io_file *file;
	uint32_t granted, err = sys_file_ref(a[0], 0, &file, &granted);
	struct sysret r = { err, 0 };

	(void)f;
	if (err)
		return pipe_transfer(a, true, err);
	if (!(granted & (FILE_WRITE_DATA | FILE_APPEND_DATA)))
		r.error = ERROR_ACCESS_DENIED;
	else
		r = sys_io_counted(completed(file, a[3], a[2], transfer(file, a[1], a[2], true),
					     true), true);
	ob_dereference(file);
	return r;
}

/* Page i's buffer of a segment array at user (FILE_SEGMENT_ELEMENT: 8
 * bytes, the pointer in the low 4, as a 32-bit program's sign-extended
 * PVOID64 is): 0, ERROR_NOACCESS, or ERROR_INVALID_PARAMETER for a buffer
 * that is NULL or not page-aligned. */
static uint32_t segment_at(uint32_t user, uint32_t i, uint32_t *buffer)
{
	if (!copy_from_user(buffer, user + i * 8, sizeof(*buffer)))
		return ERROR_NOACCESS;
	return !*buffer || *buffer & (PAGE_SIZE - 1) ? ERROR_INVALID_PARAMETER : 0;
}

/* ReadFileScatter's and WriteFileGather's work: len bytes at the position,
 * a page per segment; every segment is checked before any moves. A read
 * stops at the end of the file. */
static struct sysret segments_transfer(struct io_file *file, uint32_t array, uint32_t len,
				       bool write)
{
	uint32_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE, done = 0, buffer, err = 0;
	struct sysret r;

	for (uint32_t i = 0; i < pages && !err; i++)
		err = segment_at(array, i, &buffer);
	for (uint32_t i = 0; i < pages && !err; i++) {
		uint32_t chunk = len - done < PAGE_SIZE ? len - done : PAGE_SIZE;

		if ((err = segment_at(array, i, &buffer)))
			break;
		r = transfer(file, buffer, chunk, write);
		done += r.value;
		err = r.error;
		if (!write && r.value < chunk)
			break;
	}
	return (struct sysret){ err, done };
}

/* ReadFileScatter (FILE_READ_DATA) or WriteFileGather (FILE_WRITE_DATA)
 * on a file open with FILE_FLAG_NO_BUFFERING and FILE_FLAG_OVERLAPPED, a
 * whole number of sectors (else ERROR_INVALID_PARAMETER). */
static struct sysret file_segments(const uint32_t *a, bool write)
{
	struct io_file *file;
	uint32_t granted, err = sys_file_ref(a[0], 0, &file, &granted);
	struct sysret r = { err, 0 };

	if (err)
		return r;
	if (!(granted & (write ? FILE_WRITE_DATA : FILE_READ_DATA)))
		r.error = ERROR_ACCESS_DENIED;
	else if (!file_segments_allowed(file) || a[2] % SECTOR_BYTES)
		r.error = ERROR_INVALID_PARAMETER;
	else
		r = sys_io_counted(completed(file, a[3], a[2],
					     segments_transfer(file, a[1], a[2], write), write),
				   write);
	ob_dereference(file);
	return r;
}

/* (handle, int64 *distance in / new position out, method) */
struct sysret sys_set_file_pointer(const uint32_t *a, struct trap_frame *f)
{
	struct io_file *file;
	int64_t distance;
	uint64_t position;
	uint32_t err = sys_file_ref(a[0], 0, &file, NULL);
	struct sysret r;

	(void)f;
	if (err)
		return sys_device_seek(a[0], a[1], a[2], &r) ? r : (struct sysret){ err, 0 };
	if (!probe_user(a[1], sizeof(distance), true) ||
	    !copy_from_user(&distance, a[1], sizeof(distance)))
		err = ERROR_NOACCESS;
	else if (!(err = file_seek(file, distance, a[2], &position)))
		err = sys_copy_out(a[1], &position, sizeof(position)).error;
	ob_dereference(file);
	return (struct sysret){ err, 0 };
}

/* The calls that take one handle and one right. */
enum handle_call { H_SET_END, H_FLUSH };

static struct sysret handle_call(uint32_t handle, uint32_t right, enum handle_call call)
{
	struct io_file *file;
	uint32_t err = sys_file_ref(handle, right, &file, NULL);

	if (err)
		return (struct sysret){ err, 0 };
	err = call == H_SET_END ? file_set_size(file, IO_SIZE_AT_POSITION, 0) : file_flush(file);
	ob_dereference(file);
	return (struct sysret){ err, 0 };
}

/* (handle); FILE_WRITE_DATA */
struct sysret sys_set_end_of_file(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return handle_call(a[0], FILE_WRITE_DATA, H_SET_END);
}

/* (handle); FILE_WRITE_DATA. A pipe end flushes as sys_pipe.c does. */
struct sysret sys_flush_file(const uint32_t *a, struct trap_frame *f)
{
	struct sysret r = handle_call(a[0], FILE_WRITE_DATA, H_FLUSH);

	(void)f;
	if (r.error == ERROR_INVALID_HANDLE)
		(void)sys_pipe_call(a[0], 0, 0, &r);
	return r;
}

/* (handle, const uint64 *created, *accessed, *written); FILE_WRITE_ATTRIBUTES */
struct sysret sys_set_file_time(const uint32_t *a, struct trap_frame *f)
{
	struct fat_time t[3];
	bool given[3];
	struct io_file *file = NULL;
	uint32_t err = sys_file_ref(a[0], FILE_WRITE_ATTRIBUTES, &file, NULL);

	(void)f;
	for (unsigned i = 0; i < 3 && !err; i++) {
		uint64_t ft = 0;

		if (a[1 + i] && !copy_from_user(&ft, a[1 + i], sizeof(ft)))
			err = ERROR_NOACCESS;
		else
			err = sys_fat_time(ft, &t[i], &given[i]);
	}
	if (!err)
		err = file_set_basic(file, given[0] ? &t[0] : NULL, given[1] ? &t[1] : NULL,
				     given[2] ? &t[2] : NULL, false, 0);
	if (file)
		ob_dereference(file);
	return (struct sysret){ err, 0 };
}

/* (pattern, struct vados_find_data *, VADOS_FIND_* flags) -> handle */
struct sysret sys_find_first_file(const uint32_t *a, struct trap_frame *f)
{
	struct fat_info *info = kmalloc(sizeof(*info));
	struct vados_find_data *d = kmalloc(sizeof(*d));
	uint32_t err = info && d ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY, h = 0;
	struct io_file *file = NULL;
	void *object = NULL;
	bool nul = false;
	char *full;

	(void)f;
	if (!err && !probe_user(a[1], sizeof(*d), true))
		err = ERROR_NOACCESS;
	if (!err && a[2] & ~(VADOS_FIND_BASIC | VADOS_FIND_DIRECTORIES))
		err = ERROR_INVALID_PARAMETER;
	if (!err && (nul = sys_device_find_data(a[0], d))) {
		/* The null device is found as itself, its enumeration over. */
		if (!(object = device_create(IO_DEVICE_NUL)))
			err = ERROR_NOT_ENOUGH_MEMORY;
	} else if (!err && (err = sys_pattern_in(a[0], &full)) == ERROR_SUCCESS) {
		err = file_find_first(full,
				      (a[2] & VADOS_FIND_BASIC ? FILE_FIND_NO_SHORT_NAMES : 0) |
				      (a[2] & VADOS_FIND_DIRECTORIES ? FILE_FIND_DIRECTORIES : 0),
				      &file, info);
		object = file;
		kfree(full);
	}
	if (!err) {
		err = ob_open_object(process_handles(), object, 0, 0, &h);
		ob_dereference(object); /* the handle holds its own */
	}
	if (!err) {
		if (!nul)
			sys_find_data(info, d);
		if (!copy_to_user(a[1], d, sizeof(*d))) {
			ob_close_handle(process_handles(), h);
			err = ERROR_NOACCESS;
		}
	}
	kfree(info);
	kfree(d);
	return (struct sysret){ err, err ? 0 : h };
}

/* (handle, struct vados_find_data *) */
struct sysret sys_find_next_file(const uint32_t *a, struct trap_frame *f)
{
	struct fat_info *info = kmalloc(sizeof(*info));
	struct vados_find_data *d = kmalloc(sizeof(*d));
	struct io_file *file = NULL;
	uint32_t err = info && d ? sys_file_ref(a[0], 0, &file, NULL) : ERROR_NOT_ENOUGH_MEMORY;

	(void)f;
	if (err == ERROR_INVALID_HANDLE && sys_device_kind(a[0]) == IO_DEVICE_NUL)
		err = ERROR_NO_MORE_FILES;      /* FindFirstFile found the device, and no more */
	if (!err && !probe_user(a[1], sizeof(*d), true))
		err = ERROR_NOACCESS;
	if (!err && !(err = file_find_next(file, info))) {
		sys_find_data(info, d);
		err = sys_copy_out(a[1], d, sizeof(*d)).error;
	}
	if (file)
		ob_dereference(file);
	kfree(info);
	kfree(d);
	return (struct sysret){ err, 0 };
}

/* (handle, VADOS_LIST_* flags, struct vados_find_data *): the next entry
 * of the directory open on handle (FILE_LIST_DIRECTORY) */
struct sysret sys_query_directory(const uint32_t *a, struct trap_frame *f)
{
	struct fat_info *info = kmalloc(sizeof(*info));
	struct vados_find_data *d = kmalloc(sizeof(*d));
	struct io_file *file = NULL;
	uint32_t err = info && d ? sys_file_ref(a[0], FILE_READ_DATA, &file, NULL)
				 : ERROR_NOT_ENOUGH_MEMORY;

	(void)f;
	if (!err && a[1] & ~(VADOS_LIST_RESTART | VADOS_LIST_PEEK))
		err = ERROR_INVALID_PARAMETER;
	if (!err && !(err = file_list_next(file, a[1] & VADOS_LIST_RESTART,
					   a[1] & VADOS_LIST_PEEK, info))) {
		sys_find_data(info, d);
		err = sys_copy_out(a[2], d, sizeof(*d)).error;
	}
	if (file)
		ob_dereference(file);
	kfree(info);
	kfree(d);
	return (struct sysret){ err, 0 };
}

/* (handle, FILE_SEGMENT_ELEMENT *, bytes, OVERLAPPED * or 0) -> bytes read */
struct sysret sys_read_scatter(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return file_segments(a, false);
}

/* (handle, FILE_SEGMENT_ELEMENT *, bytes, OVERLAPPED * or 0) -> bytes written */
struct sysret sys_write_gather(const uint32_t *a, struct trap_frame *f)
{
	(void)f;
	return file_segments(a, true);
}
