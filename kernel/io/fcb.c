/* The open-file records' lifetime: made at a file's first open, referenced
 * by its File objects (and other holders), and, once closed, kept with
 * their cached pages until evicted, as NT's cache manager keeps a closed
 * file's section; see kernel/io/iop.h. Everything here runs under the
 * record's volume lock. */
#include "kernel/io/iop.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"
#include "arch/spinlock.h"

/* Closed files a volume keeps cached at most: each keeps a FAT driver FCB,
 * its record and its prototype PTEs in pool memory (its pages are standby
 * and modified frames, which the balance set manager and the lazy writer
 * deal with). */
#define IO_CLOSED_MAX 64u

struct io_fcb *iop_fcb_find_locked(struct io_volume *v, struct fat_file *fat)
{
	struct io_fcb *fcb = v->fcbs;

	while (fcb && fcb->fat != fat)
		fcb = fcb->next;
	return fcb;
}

uint32_t iop_fcb_create_locked(struct io_volume *v, struct fat_file *fat, const char *path,
			       struct io_fcb **out)
{
	struct io_fcb *fcb = kmalloc(sizeof(*fcb));
	uint32_t err;

	if (!fcb) {
		fat_close(fat);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	memset(fcb, 0, sizeof(*fcb));
	fcb->vol = v;
	fcb->fat = fat;
	fcb->refs = 1;
	strlcpy(fcb->path, path, sizeof(fcb->path));
	if ((err = cache_open_locked(fcb))) {
		fat_close(fat);
		kfree(fcb);
		return err;
	}
	fcb->next = v->fcbs;
	v->fcbs = fcb;
	*out = fcb;
	return ERROR_SUCCESS;
}

void iop_fcb_reference_locked(struct io_fcb *fcb)
{
	if (fcb->refs++ == 0)
		fcb->vol->closed--;     /* cached no more: open again */
}

/* Unlists fcb and frees it with its pages (written first unless discard),
 * deleting the file when it is delete pending. */
static void fcb_free_locked(struct io_fcb *fcb, bool discard)
{
	struct io_volume *v = fcb->vol;
	struct io_fcb **p = &v->fcbs;
	struct fat_info info;

	while (*p != fcb)
		p = &(*p)->next;
	*p = fcb->next;
	cache_close_locked(fcb, discard || fcb->delete_pending);
	fat_query(fcb->fat, &info);
	fat_close(fcb->fat);
	if (fcb->delete_pending &&
	    !((info.attributes & FAT_ATTR_DIRECTORY) ? fat_rmdir(v->fat, fcb->path)
						     : fat_delete(v->fat, fcb->path)))
		iop_notify_locked(v, (info.attributes & FAT_ATTR_DIRECTORY)
				     ? FILE_NOTIFY_CHANGE_DIR_NAME : FILE_NOTIFY_CHANGE_FILE_NAME,
				  FILE_ACTION_REMOVED, fcb->path, 0, NULL);
	kfree(fcb);
}

void iop_fcb_evict_locked(struct io_fcb *fcb, bool discard)
{
	if (fcb->refs)
		panic("io: evicting %c:%s, still referenced %u times", fcb->vol->letter,
		      fcb->path, fcb->refs);
	fcb->vol->closed--;
	fcb_free_locked(fcb, discard);
}

/* The closed record listed last (the one closed longest ago: closing does
 * not move a record, so this is an approximation of the least recently
 * used that costs no list of its own). */
static struct io_fcb *oldest_closed_locked(struct io_volume *v)
{
	struct io_fcb *oldest = NULL;

	for (struct io_fcb *fcb = v->fcbs; fcb; fcb = fcb->next)
		if (fcb->refs == 0)
			oldest = fcb;
	return oldest;
}

void iop_fcb_release_locked(struct io_fcb *fcb)
{
	struct io_volume *v = fcb->vol;

	if (--fcb->refs)
		return;
	if (!fcb->ca || fcb->delete_pending) {
		fcb_free_locked(fcb, false);
		return;
	}
	if (++v->closed > IO_CLOSED_MAX)
		iop_fcb_evict_locked(oldest_closed_locked(v), false);
}

void iop_fcb_settle_locked(struct io_fcb *fcb)
{
	uint32_t given = fcb->unmapped;

	if (!given)
		return;
	arch_atomic_add(&fcb->unmapped, (uint32_t)-given);
	/* Each reference given back is one of refs: all but the last go
	 * without leaving refs at 0, the last through the release rules. */
	fcb->refs -= given - 1;
	iop_fcb_release_locked(fcb);
}

void iop_evict_path_locked(struct io_volume *v, const char *path, bool discard)
{
	struct fat_file *fat;
	struct io_fcb *fcb;

	if (fat_open(v->fat, path, &fat) != ERROR_SUCCESS)
		return;
	fcb = iop_fcb_find_locked(v, fat);
	fat_close(fat);
	if (fcb && fcb->refs == 0)
		iop_fcb_evict_locked(fcb, discard);
}

void iop_evict_all_locked(struct io_volume *v)
{
	struct io_fcb *fcb;

	while ((fcb = oldest_closed_locked(v)))
		iop_fcb_evict_locked(fcb, false);
}
