/* The file calls that take paths: DeleteFile, MoveFileEx, CreateDirectory,
 * RemoveDirectory, GetFileAttributes, SetFileAttributes, GetDiskFreeSpace,
 * FindFirstFile and FindNextFile; see kernel/io/file.h. */
#include "kernel/io/iop.h"
#include "mm/filecache.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

uint32_t iop_split(const char *path, struct io_volume **vol, const char **rest)
{
	if (strlen(path) >= RTL_MAX_PATH)
		return ERROR_FILENAME_EXCED_RANGE;
	if (path[0] == '\0' || path[1] != ':' || path[2] != '\\' || !(*vol = io_volume(path[0])))
		return ERROR_PATH_NOT_FOUND;
	*rest = path + 2;
	return ERROR_SUCCESS;
}

/* Renames from to to; an open source must be shared for deleting (unless
 * own: renamed through a handle of its own with DELETE, which every other
 * opener had to share already), and its record follows it. A closed target
 * cached is evicted first (its pages written: the rename may still fail),
 * as the driver replaces no open file. */
static uint32_t move_locked(struct io_volume *v, const char *from, const char *to, bool replace,
			    bool own)
{
	struct fat_file *fat;
	struct fat_info info, target;
	struct io_fcb *fcb;
	uint32_t err;
	bool replaces = replace && fat_stat(v->fat, to, &target) == ERROR_SUCCESS;

	if (replace)
		iop_evict_path_locked(v, to, false);
	if ((err = fat_open(v->fat, from, &fat)))
		return err;
	fat_query(fat, &info);
	fcb = iop_fcb_find_locked(v, fat);
	fat_close(fat);
	if (fcb && ((!own && fcb->shared_delete < fcb->open_count) || fcb->delete_pending))
		return fcb->delete_pending ? ERROR_ACCESS_DENIED : ERROR_SHARING_VIOLATION;
	if ((err = fat_rename(v->fat, from, to, replace)))
		return err;
	if (fcb)
		strlcpy(fcb->path, to, sizeof(fcb->path));
	iop_notify_move_locked(v, info.attributes & FAT_ATTR_DIRECTORY, from, to, replaces);
	return ERROR_SUCCESS;
}

uint32_t file_move(const char *from, const char *to, bool replace)
{
	struct io_volume *v, *w;
	const char *a, *b;
	uint32_t err = iop_split(from, &v, &a);

	if (!err)
		err = iop_split(to, &w, &b);
	if (!err && v != w)
		err = ERROR_NOT_SAME_DEVICE;
	if (err)
		return err;
	io_lock(v);
	err = move_locked(v, a, b, replace, false);
	io_unlock(v);
	return err;
}

uint32_t file_rename(struct io_file *f, const char *to, bool replace)
{
	struct io_volume *v;
	const char *rest;
	uint32_t err = f->find ? ERROR_INVALID_HANDLE : iop_split(to, &v, &rest);

	if (!err && v != f->fcb->vol)
		err = ERROR_NOT_SAME_DEVICE;
	if (err)
		return err;
	io_lock(v);
	err = move_locked(v, f->fcb->path, rest, replace, true);
	io_unlock(v);
	return err;
}

/* Whether directory path holds anything but "." and "..". */
static uint32_t dir_empty_locked(struct io_volume *v, const char *path)
{
	struct fat_find *find = kmalloc(sizeof(*find));
	struct fat_info *info = kmalloc(sizeof(*info));
	uint32_t err = find && info ? fat_find_first(v->fat, path, "*", find)
				    : ERROR_NOT_ENOUGH_MEMORY;

	while (!err && !(err = fat_find_next(find, info)))
		if (strcmp(info->name, ".") && strcmp(info->name, ".."))
			err = ERROR_DIR_NOT_EMPTY;
	kfree(find);
	kfree(info);
	return err == ERROR_NO_MORE_FILES ? ERROR_SUCCESS : err;
}

uint32_t iop_deletable_locked(struct io_fcb *fcb, const struct fat_info *info)
{
	uint32_t err;

	/* NT's MmFlushImageSection(MmFlushForDelete): a mapped file stays. */
	if (fcb->ca && mm_file_mapped(fcb->ca))
		return ERROR_ACCESS_DENIED;
	if ((info->attributes & FAT_ATTR_DIRECTORY) &&
	    (err = dir_empty_locked(fcb->vol, fcb->path)) != ERROR_SUCCESS)
		return err;
	/* A running program's file (its image section holds it) is refused as
	 * Windows refuses it; a snapshot of the slot: a process starting or
	 * ending meanwhile may go either way. The root is never deleted. */
	if ((info->attributes & FAT_ATTR_READONLY) || !strcmp(fcb->path, "\\") ||
	    *(struct mm_control_area *volatile *)&fcb->image)
		return ERROR_ACCESS_DENIED;
	return ERROR_SUCCESS;
}

/* Deletes a file (dir false) or removes an empty directory (dir true) at
 * once, or, while handles that all share delete have it open (an enumeration
 * does), marks it delete pending: it goes at its last close. The FAT driver
 * itself refuses what is open, and gives the errors of the wrong kind: a
 * closed file's cached record is evicted first (its pages discarded when
 * it is being deleted, which only READONLY refuses). */
static uint32_t remove_locked(struct io_volume *v, const char *path, bool dir)
{
	struct fat_file *fat;
	struct fat_info info;
	struct io_fcb *fcb;
	uint32_t err = fat_open(v->fat, path, &fat);

	if (err)
		return err;
	fat_query(fat, &info);
	fcb = iop_fcb_find_locked(v, fat);
	if (fcb && fcb->unmapped) {
		/* Its last view may have gone a moment ago: settled, the
		 * record may be gone too (fat, referenced here, is not). */
		iop_fcb_settle_locked(fcb);
		fcb = iop_fcb_find_locked(v, fat);
	}
	fat_close(fat);
	if (fcb && fcb->ca && mm_file_mapped(fcb->ca))
		return ERROR_ACCESS_DENIED;
	if (fcb && fcb->refs == 0) {
		if (!dir && (info.attributes & FAT_ATTR_READONLY))
			return ERROR_ACCESS_DENIED;
		iop_fcb_evict_locked(fcb, !dir);
		fcb = NULL;
	}
	if (!fcb || !(info.attributes & FAT_ATTR_DIRECTORY) != !dir) {
		if (!(err = dir ? fat_rmdir(v->fat, path) : fat_delete(v->fat, path)))
			iop_notify_locked(v, dir ? FILE_NOTIFY_CHANGE_DIR_NAME
						 : FILE_NOTIFY_CHANGE_FILE_NAME,
					  FILE_ACTION_REMOVED, path, 0, NULL);
		return err;
	}
	if ((err = iop_deletable_locked(fcb, &info)) != ERROR_SUCCESS)
		return err;
	if (fcb->delete_pending)
		return ERROR_ACCESS_DENIED;
	if (fcb->shared_delete < fcb->open_count)
		return ERROR_SHARING_VIOLATION;
	fcb->delete_pending = true;
	return ERROR_SUCCESS;
}

/* The calls that are one FAT driver call on the volume of a path. */
enum path_op { OP_DELETE, OP_MKDIR, OP_RMDIR, OP_STAT, OP_SET_ATTRIBUTES };

static uint32_t path_call(const char *path, enum path_op op, struct fat_info *info,
			  uint32_t attr)
{
	struct io_volume *v;
	const char *rest;
	uint32_t err = iop_split(path, &v, &rest);

	if (err)
		return err;
	io_lock(v);
	switch (op) {
	case OP_MKDIR: err = fat_mkdir(v->fat, rest); break;
	case OP_DELETE: err = remove_locked(v, rest, false); break;
	case OP_RMDIR: err = remove_locked(v, rest, true); break;
	case OP_STAT: err = fat_stat(v->fat, rest, info); break;
	case OP_SET_ATTRIBUTES: err = fat_set_attributes(v->fat, rest, attr); break;
	}
	if (!err && (op == OP_MKDIR || op == OP_SET_ATTRIBUTES))
		iop_notify_locked(v, op == OP_MKDIR ? FILE_NOTIFY_CHANGE_DIR_NAME
						    : FILE_NOTIFY_CHANGE_ATTRIBUTES,
				  op == OP_MKDIR ? FILE_ACTION_ADDED : FILE_ACTION_MODIFIED, rest,
				  0, NULL);
	io_unlock(v);
	return err;
}

uint32_t file_delete(const char *path) { return path_call(path, OP_DELETE, NULL, 0); }
uint32_t file_mkdir(const char *path) { return path_call(path, OP_MKDIR, NULL, 0); }
uint32_t file_rmdir(const char *path) { return path_call(path, OP_RMDIR, NULL, 0); }

uint32_t file_stat(const char *path, struct fat_info *info)
{
	return path_call(path, OP_STAT, info, 0);
}

uint32_t file_set_attributes(const char *path, uint32_t attr)
{
	return path_call(path, OP_SET_ATTRIBUTES, NULL, attr);
}

uint32_t file_disk_space(const char *path, uint32_t *cluster_bytes, uint32_t *free_clusters,
			 uint32_t *total_clusters)
{
	struct io_volume *v = path[0] && path[1] == ':' ? io_volume(path[0]) : NULL;

	if (!v)
		return ERROR_PATH_NOT_FOUND;
	io_lock(v);
	fat_space(v->fat, cluster_bytes, free_clusters, total_clusters);
	io_unlock(v);
	return ERROR_SUCCESS;
}

/* --- FindFirstFile / FindNextFile --- */

/* The next match of f's enumeration that its flags let through, as they
 * say. */
static uint32_t find_next_locked(struct io_file *f, struct fat_info *info)
{
	uint32_t err;

	while (!(err = fat_find_next(f->find, info)) && f->find_flags & FILE_FIND_DIRECTORIES &&
	       !(info->attributes & FAT_ATTR_DIRECTORY))
		;
	if (!err && f->find_flags & FILE_FIND_NO_SHORT_NAMES)
		info->short_name[0] = '\0';
	return err;
}

/* Opens directory dir (held for the enumeration: it cannot be removed
 * meanwhile) and starts matching pattern in it. */
static uint32_t find_first_locked(struct io_volume *v, const char *dir, const char *pattern,
				  struct io_file *f, struct fat_info *info)
{
	struct fat_file *fat;
	uint32_t err = fat_open(v->fat, dir, &fat);

	if (err)
		return err == ERROR_FILE_NOT_FOUND ? ERROR_PATH_NOT_FOUND : err;
	err = fat_find_first(v->fat, dir, pattern, f->find);
	if (!err)
		err = find_next_locked(f, info);
	if (err) {
		fat_close(fat);
		return err == ERROR_NO_MORE_FILES ? ERROR_FILE_NOT_FOUND : err;
	}
	f->directory = true;
	return iop_attach_locked(v, fat, dir, f);
}

uint32_t file_find_first(const char *pattern, uint32_t flags, struct io_file **out,
			 struct fat_info *info)
{
	char dir[RTL_MAX_PATH];
	struct io_volume *v;
	struct io_file *f;
	const char *rest, *name;
	uint32_t err = iop_split(pattern, &v, &rest);

	if (err)
		return err;
	name = strrchr(rest, '\\') + 1;
	if (!*name)
		return ERROR_FILE_NOT_FOUND;
	if (strlen(name) > FAT_NAME_MAX)
		return ERROR_FILENAME_EXCED_RANGE;
	strlcpy(dir, rest, (size_t)(name - rest) + 1);
	if (!(f = ob_create(&file_type, sizeof(*f))))
		return ERROR_NOT_ENOUGH_MEMORY;
	f->share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
	f->find_flags = flags;
	if (!(f->find = kmalloc(sizeof(*f->find)))) {
		ob_dereference(f);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	io_lock(v);
	err = find_first_locked(v, dir, name, f, info);
	io_unlock(v);
	if (err) {
		ob_dereference(f);
		return err;
	}
	*out = f;
	return ERROR_SUCCESS;
}

uint32_t file_find_next(struct io_file *f, struct fat_info *info)
{
	uint32_t err;

	if (!f->find)
		return ERROR_INVALID_HANDLE;
	io_lock(f->fcb->vol);
	err = find_next_locked(f, info);
	io_unlock(f->fcb->vol);
	return err;
}

/* --- a directory's listing by handle (NtQueryDirectoryFile) --- */

uint32_t file_list_next(struct io_file *f, bool restart, bool peek, struct fat_info *info)
{
	struct fat_find *fresh = f->find ? NULL : kmalloc(sizeof(*fresh)), saved;
	struct io_volume *v;
	uint32_t err = ERROR_SUCCESS;

	if (!f->directory || !f->fcb) {
		kfree(fresh);
		return ERROR_INVALID_PARAMETER;
	}
	v = f->fcb->vol;
	io_lock(v);
	if (!f->find && fresh) {        /* the first listing on this handle */
		f->find = fresh;
		fresh = NULL;
		restart = true;
	}
	if (!f->find)
		err = ERROR_NOT_ENOUGH_MEMORY;
	else if (restart)
		err = fat_find_first(v->fat, f->fcb->path, "*", f->find);
	if (!err) {
		saved = *f->find;
		err = find_next_locked(f, info);
		if (peek)
			*f->find = saved;
	}
	io_unlock(v);
	kfree(fresh);
	return err;
}
