/* Open files: the FCBs, and file data read, written (new clusters in the
 * order data, FAT, entry) and cut back (entry, then FAT). See
 * kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

/* Clusters that hold bytes bytes (0..2^32 - 1 bytes; no overflow). */
static uint32_t clusters_for(const struct fat_volume *v, uint64_t bytes)
{
	return (uint32_t)((bytes + v->cluster_bytes - 1) >> v->cluster_shift);
}

static uint32_t min32(uint64_t a, uint64_t b)
{
	return (uint32_t)(a < b ? a : b);
}

/* Whether de's cluster and size can describe a file or directory of v:
 * ERROR_FILE_CORRUPT when its cluster is outside the volume, a directory has
 * none, or a file's size and cluster disagree or exceed the volume. */
uint32_t fat_entry_check(const struct fat_volume *v, const struct fat_dirent *de)
{
	uint32_t c = fat_dirent_cluster(de);

	if (de->attr & FAT_ATTR_DIRECTORY)
		return fat_cluster_valid(v, c) ? ERROR_SUCCESS : ERROR_FILE_CORRUPT;
	if (c == 0)
		return de->size == 0 ? ERROR_SUCCESS : ERROR_FILE_CORRUPT;
	if (!fat_cluster_valid(v, c) || de->size == 0 || clusters_for(v, de->size) > v->clusters)
		return ERROR_FILE_CORRUPT;
	return ERROR_SUCCESS;
}

/* The open FCB of the entry at w, or NULL. */
struct fat_file *fat_fcb_find(struct fat_volume *v, const struct fat_where *w)
{
	for (struct fat_file *f = v->open; f; f = f->next)
		if (!f->is_root && f->where.dir == w->dir && f->where.index == w->index)
			return f;
	return NULL;
}

/* A new FCB with one reference, on v's list; NULL when memory runs out. */
static struct fat_file *fcb_new(struct fat_volume *v)
{
	struct fat_file *f = kmalloc(sizeof(*f));

	if (f) {
		memset(f, 0, sizeof(*f));
		f->vol = v;
		f->refs = 1;
		f->next = v->open;
		v->open = f;
	}
	return f;
}

/* Opens the FCB of item: the existing one gains a reference, else a new one
 * once the entry's whole chain checks out (fat_chain_of: a loop, a chain
 * leaving the volume or ending early is found here, before any I/O). */
uint32_t fat_fcb_get(struct fat_volume *v, const struct fat_item *item, struct fat_file **out)
{
	struct fat_file *f = fat_fcb_find(v, &item->where);
	uint32_t len, err;

	if (f) {
		f->refs++;
	} else {
		if ((err = fat_chain_of(v, &item->de, &len)))
			return err;
		if (!(f = fcb_new(v)))
			return ERROR_NOT_ENOUGH_MEMORY;
		f->de = item->de;
		f->where = item->where;
	}
	*out = f;
	return ERROR_SUCCESS;
}

/* Opens the root directory's FCB. */
uint32_t fat_fcb_root(struct fat_volume *v, struct fat_file **out)
{
	struct fat_file *f;

	for (f = v->open; f && !f->is_root; f = f->next)
		;
	if (f) {
		f->refs++;
	} else {
		if (!(f = fcb_new(v)))
			return ERROR_NOT_ENOUGH_MEMORY;
		f->is_root = true;
		f->de.attr = FAT_ATTR_DIRECTORY;
		fat_dirent_set_cluster(&f->de, v->root);
	}
	*out = f;
	return ERROR_SUCCESS;
}

void fat_close(struct fat_file *f)
{
	struct fat_file **p;

	if (--f->refs)
		return;
	for (p = &f->vol->open; *p != f; p = &(*p)->next)
		;
	*p = f->next;
	kfree(f);
}

/* The cluster at index ci of f's chain (ci below the chain's length by its
 * size), from the FCB's last position when that is not past ci. */
static uint32_t cluster_at(struct fat_file *f, uint32_t ci, uint32_t *c)
{
	uint32_t i = 0, cur = fat_dirent_cluster(&f->de), err;

	if (f->hint_cluster && f->hint_index <= ci) {
		i = f->hint_index;
		cur = f->hint_cluster;
	}
	for (; i < ci; i++) {
		if ((err = fat_next(f->vol, cur, &cur)))
			return err;
		if (!cur)
			return ERROR_FILE_CORRUPT;      /* shorter than the size says */
	}
	f->hint_index = ci;
	f->hint_cluster = cur;
	*c = cur;
	return ERROR_SUCCESS;
}

/* How many clusters from c (index ci) on are consecutive on disk, up to max. */
static uint32_t run_from(struct fat_file *f, uint32_t ci, uint32_t c, uint32_t max, uint32_t *n)
{
	uint32_t next, err;

	for (*n = 1; *n < max; ++*n) {
		if ((err = fat_next(f->vol, c + *n - 1, &next)))
			return err;
		if (next != c + *n)
			break;
	}
	f->hint_index = ci + *n - 1;
	f->hint_cluster = c + *n - 1;
	return ERROR_SUCCESS;
}

/* Reads n bytes from byte off of the sectors from lba on. */
static uint32_t data_read(struct fat_volume *v, uint32_t lba, uint32_t off, uint8_t *buf,
			  uint32_t n)
{
	uint32_t chunk, err;

	for (lba += off / FAT_SECTOR_SIZE, off %= FAT_SECTOR_SIZE; n; n -= chunk, off = 0) {
		if (off || n < FAT_SECTOR_SIZE) {
			chunk = min32(FAT_SECTOR_SIZE - off, n);
			if ((err = v->dev.read(v->dev.ctx, lba, 1, v->io)))
				return err;
			memcpy(buf, v->io + off, chunk);
		} else {
			chunk = n / FAT_SECTOR_SIZE * FAT_SECTOR_SIZE;
			if ((err = v->dev.read(v->dev.ctx, lba, chunk / FAT_SECTOR_SIZE, buf)))
				return err;
		}
		buf += chunk;
		lba += (off + chunk) / FAT_SECTOR_SIZE;
	}
	return ERROR_SUCCESS;
}

/* Writes n bytes of src (NULL: zeros) at byte off of the sectors from lba on.
 * fresh: the sectors belong to nothing yet, so a partial one is padded with
 * zeros rather than read first. The directory sector cache is dropped: the
 * clusters may have been a directory's, and may be one again. */
static uint32_t data_write(struct fat_volume *v, uint32_t lba, uint32_t off, const uint8_t *src,
			   uint32_t n, bool fresh)
{
	uint32_t chunk, err;

	v->sector_lba = 0;
	for (lba += off / FAT_SECTOR_SIZE, off %= FAT_SECTOR_SIZE; n; n -= chunk, off = 0) {
		if (off || n < FAT_SECTOR_SIZE) {
			chunk = min32(FAT_SECTOR_SIZE - off, n);
			if (fresh)
				memset(v->io, 0, FAT_SECTOR_SIZE);
			else if ((err = v->dev.read(v->dev.ctx, lba, 1, v->io)))
				return err;
			if (src)
				memcpy(v->io + off, src, chunk);
			else
				memset(v->io + off, 0, chunk);
			err = v->dev.write(v->dev.ctx, lba, 1, v->io);
		} else {
			chunk = n / FAT_SECTOR_SIZE * FAT_SECTOR_SIZE;
			if (!src)
				chunk = min32(chunk, v->cluster_bytes);
			err = v->dev.write(v->dev.ctx, lba, chunk / FAT_SECTOR_SIZE,
					   src ? src : v->zero);
		}
		if (err)
			return err;
		if (src)
			src += chunk;
		lba += (off + chunk) / FAT_SECTOR_SIZE;
	}
	return ERROR_SUCCESS;
}

/* Writes zeros over count clusters from first (a new directory's), on the
 * device at once (past any metadata cache): they reach the disk before the
 * FAT entries and the entry that make them a directory. */
uint32_t fat_data_zero(struct fat_volume *v, uint32_t first, uint32_t count)
{
	return data_write(v, fat_cluster_lba(v, first), 0, NULL, count << v->cluster_shift, true);
}

/* Adds clusters after f's chain (have clusters long) for up to len bytes of
 * src (NULL: zeros, or, fill false, the bytes the clusters hold): a free
 * run's data first, then its FAT entries. *chunk is how many bytes went. A
 * chain going on past have is corrupt (extending it would orphan or
 * cross-link the rest). */
static uint32_t grow(struct fat_file *f, uint32_t have, const uint8_t *src, uint32_t len,
		     bool fill, uint32_t *chunk)
{
	struct fat_volume *v = f->vol;
	uint32_t prev = 0, next, first, n, err;

	if (have) {
		if ((err = cluster_at(f, have - 1, &prev)) || (err = fat_next(v, prev, &next)))
			return err;
		if (next)
			return ERROR_FILE_CORRUPT;
	}
	if ((err = fat_find_run(v, prev + 1, clusters_for(v, len), &first, &n)))
		return err;
	*chunk = min32((uint64_t)n << v->cluster_shift, len);
	if (((src || fill) && (err = data_write(v, fat_cluster_lba(v, first), 0, src, *chunk,
						  true))) ||
	    (err = fat_link_run(v, prev, first, n)))
		return err;
	if (!have)
		fat_dirent_set_cluster(&f->de, first);
	f->hint_index = have + n - 1;
	f->hint_cluster = first + n - 1;
	return ERROR_SUCCESS;
}

/* Writes len bytes of src (NULL: zeros, or, fill false, nothing: the caller
 * writes them later) at pos (at most f's size), growing the chain as
 * needed; the size in memory follows the data. *done: bytes. */
static uint32_t write_span(struct fat_file *f, uint32_t pos, const uint8_t *src, uint32_t len,
			   bool fill, uint32_t *done)
{
	struct fat_volume *v = f->vol;
	uint32_t have = clusters_for(v, f->de.size), end = pos + len;
	uint32_t ci, off, c, n, max, chunk, err;

	for (*done = 0; pos < end; pos += chunk, *done += chunk) {
		ci = pos >> v->cluster_shift;
		off = pos & (v->cluster_bytes - 1);
		if (ci < have) {
			max = min32(have - ci, clusters_for(v, (uint64_t)off + end - pos));
			if ((err = cluster_at(f, ci, &c)) || (err = run_from(f, ci, c, max, &n)))
				return err;
			chunk = min32(((uint64_t)n << v->cluster_shift) - off, end - pos);
			err = src || fill ? data_write(v, fat_cluster_lba(v, c), off, src, chunk, false)
					  : ERROR_SUCCESS;
		} else {
			if (!(err = grow(f, have, src, end - pos, fill, &chunk)))
				have = clusters_for(v, (uint64_t)pos + chunk);
		}
		if (err)
			return err;
		if (src)
			src += chunk;
		if (pos + chunk > f->de.size)
			f->de.size = pos + chunk;
	}
	return ERROR_SUCCESS;
}

/* Ends a change of f's data: the FAT reaches the disk, then (when changed)
 * the entry with the new size and write time, then FSInfo. Returns the first
 * error, err included. */
static uint32_t finish(struct fat_file *f, uint32_t err, bool changed)
{
	uint32_t e = fat_table_flush(f->vol);

	if (e)
		return err ? err : e;
	if (changed) {
		fat_stamp(f->vol, &f->de, false, true);
		f->de.attr |= FAT_ATTR_ARCHIVE;
		if ((e = fat_dirent_write(f->vol, &f->where, &f->de)) && !err)
			err = e;
	}
	e = fat_fsinfo_sync(f->vol);
	return err ? err : e;
}

uint32_t fat_write(struct fat_file *f, uint32_t offset, const void *buf, uint32_t len,
		   uint32_t *done)
{
	uint32_t zeros = 0, err = ERROR_SUCCESS;

	*done = 0;
	if (f->de.attr & FAT_ATTR_DIRECTORY)
		return ERROR_ACCESS_DENIED;
	if (len == 0)
		return ERROR_SUCCESS;
	if ((uint64_t)offset + len > 0xFFFFFFFFu)
		return ERROR_DISK_FULL;
	if (offset > f->de.size)
		err = write_span(f, f->de.size, NULL, offset - f->de.size, true, &zeros);
	if (!err)
		err = write_span(f, offset, buf, len, true, done);
	return finish(f, err, zeros || *done);
}

void fat_touch(struct fat_file *f)
{
	fat_stamp(f->vol, &f->de, false, true);
	f->de.attr |= FAT_ATTR_ARCHIVE;
	f->touched = true;
}

uint32_t fat_write_paging(struct fat_file *f, uint32_t offset, const void *buf, uint32_t len)
{
	uint32_t done, err;

	if ((f->de.attr & FAT_ATTR_DIRECTORY) || offset > f->de.size || len > f->de.size - offset)
		return ERROR_INVALID_PARAMETER;
	err = write_span(f, offset, buf, len, true, &done);
	if (!err && f->touched && !(err = fat_dirent_write(f->vol, &f->where, &f->de)))
		f->touched = false;
	return finish(f, err, false);
}

uint32_t fat_read(struct fat_file *f, uint32_t offset, void *buf, uint32_t len, uint32_t *done)
{
	struct fat_volume *v = f->vol;
	uint32_t pos = offset, end, ci, off, c, n, chunk, err;

	*done = 0;
	if (f->de.attr & FAT_ATTR_DIRECTORY)
		return ERROR_ACCESS_DENIED;
	if (offset >= f->de.size || len == 0)
		return ERROR_SUCCESS;
	end = offset + min32(len, f->de.size - offset);
	for (; pos < end; pos += chunk, *done += chunk) {
		ci = pos >> v->cluster_shift;
		off = pos & (v->cluster_bytes - 1);
		if ((err = cluster_at(f, ci, &c)) ||
		    (err = run_from(f, ci, c, clusters_for(v, (uint64_t)off + end - pos), &n)))
			return err;
		chunk = min32(((uint64_t)n << v->cluster_shift) - off, end - pos);
		if ((err = data_read(v, fat_cluster_lba(v, c), off, (uint8_t *)buf + *done, chunk)))
			return err;
	}
	return fat_note_read(f);
}

uint32_t fat_note_read(struct fat_file *f)
{
	uint16_t adate = f->de.adate;

	fat_stamp(f->vol, &f->de, false, false);
	return f->de.adate == adate ? ERROR_SUCCESS : fat_dirent_write(f->vol, &f->where, &f->de);
}

/* Cuts f back to size bytes (below its size): the entry first, then the FAT
 * frees the clusters past it. The cut-off part is checked whole first. */
static uint32_t shrink(struct fat_file *f, uint32_t size)
{
	struct fat_volume *v = f->vol;
	uint32_t keep = clusters_for(v, size), have = clusters_for(v, f->de.size);
	uint32_t last = 0, rest = fat_dirent_cluster(&f->de), tail, len, err;

	if (keep < have) {
		if (keep && ((err = cluster_at(f, keep - 1, &last)) ||
			     (err = fat_next(v, last, &rest))))
			return err;
		if (!rest)
			return ERROR_FILE_CORRUPT;
		if ((err = fat_chain_end(v, rest, have - keep, &tail, &len)))
			return err;
		if (len != have - keep)
			return ERROR_FILE_CORRUPT;
	}
	f->de.size = size;
	if (!keep)
		fat_dirent_set_cluster(&f->de, 0);
	if (f->hint_index >= keep)
		f->hint_cluster = 0;
	if ((err = finish(f, ERROR_SUCCESS, true)) || keep == have)
		return err;
	if ((keep && (err = fat_set(v, last, FAT_EOC))) || (err = fat_free_chain(v, rest, len)))
		return err;
	return finish(f, ERROR_SUCCESS, false);
}

uint32_t fat_set_size(struct fat_file *f, uint32_t size)
{
	return fat_set_size_ex(f, size, true);
}

uint32_t fat_set_size_ex(struct fat_file *f, uint32_t size, bool zero)
{
	struct fat_volume *v = f->vol;
	uint32_t done, need, err;

	if (f->de.attr & FAT_ATTR_DIRECTORY)
		return ERROR_ACCESS_DENIED;
	if (size <= f->de.size)
		return shrink(f, size);
	need = clusters_for(v, size) - clusters_for(v, f->de.size);
	if ((err = fat_reclaim(v, need)))
		return err;
	if (need > v->free_count)
		return ERROR_DISK_FULL;
	err = write_span(f, f->de.size, NULL, size - f->de.size, zero, &done);
	return finish(f, err, done != 0);
}

uint32_t fat_map(struct fat_file *f, uint32_t offset, uint32_t len, uint32_t *lba,
		 uint32_t *bytes)
{
	struct fat_volume *v = f->vol;
	uint32_t have = clusters_for(v, f->de.size), ci = offset >> v->cluster_shift;
	uint32_t off = offset & (v->cluster_bytes - 1), c, n, err;

	if ((f->de.attr & FAT_ATTR_DIRECTORY) || ci >= have || len == 0)
		return ERROR_INVALID_PARAMETER;
	if ((err = cluster_at(f, ci, &c)) ||
	    (err = run_from(f, ci, c, min32(have - ci, clusters_for(v, (uint64_t)off + len)), &n)))
		return err;
	*lba = fat_cluster_lba(v, c) + off / FAT_SECTOR_SIZE;
	*bytes = min32(((uint64_t)n << v->cluster_shift) - off, len);
	return ERROR_SUCCESS;
}

uint32_t fat_size(const struct fat_file *f)
{
	return f->de.size;
}

void fat_query(const struct fat_file *f, struct fat_info *info)
{
	uint16_t uni[12];

	fat_info_fill(&f->de, info);
	if (!f->is_root)
		fat_name_to_oem(uni, fat_name_short(&f->de, uni), info->short_name);
}

void fat_file_id(const struct fat_file *f, uint32_t *high, uint32_t *low)
{
	*high = f->is_root ? 0 : f->where.dir;
	*low = f->is_root ? f->vol->root : f->where.index * FAT_DIRENT_SIZE;
}

uint32_t fat_set_times(struct fat_file *f, const struct fat_time *created,
		       const struct fat_time *accessed, const struct fat_time *written)
{
	uint16_t unused;

	if (f->is_root)
		return ERROR_ACCESS_DENIED;
	if (created)
		fat_time_set(created, &f->de.cdate, &f->de.ctime, &f->de.ctime_tenth);
	if (accessed)
		fat_time_set(accessed, &f->de.adate, &unused, NULL);
	if (written)
		fat_time_set(written, &f->de.wdate, &f->de.wtime, NULL);
	f->touched = false;     /* written now, with the times set */
	return fat_dirent_write(f->vol, &f->where, &f->de);
}
