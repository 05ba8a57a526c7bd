/* Removing and moving entries: delete, rmdir and rename, each ordered so a
 * crash leaves at worst lost clusters (the entry goes before its chain, a
 * moved entry is erased before it is written again). See
 * kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

/* Checks the chain of entry de whole before it is freed: *len clusters, as
 * many as a file's size needs, or at most a directory's limit.
 * ERROR_FILE_CORRUPT otherwise. */
uint32_t fat_chain_of(struct fat_volume *v, const struct fat_dirent *de, uint32_t *len)
{
	uint32_t first = fat_dirent_cluster(de), max, last, err = fat_entry_check(v, de);

	*len = 0;
	if (err || first == 0)
		return err;
	if (de->attr & FAT_ATTR_DIRECTORY)
		max = FAT_DIR_MAX_ENTRIES * FAT_DIRENT_SIZE / v->cluster_bytes;
	else
		max = (uint32_t)(((uint64_t)de->size + v->cluster_bytes - 1) >> v->cluster_shift);
	if ((err = fat_chain_end(v, first, max, &last, len)))
		return err;
	return de->attr & FAT_ATTR_DIRECTORY || *len == max ? ERROR_SUCCESS : ERROR_FILE_CORRUPT;
}

/* Erases lk's entry, then frees its chain (len clusters from its first). */
static uint32_t remove_entry(struct fat_volume *v, const struct fat_lookup *lk, uint32_t len)
{
	uint32_t err = fat_dir_erase(v, &lk->item.where);

	if (!err && len)
		err = fat_free_chain(v, fat_dirent_cluster(&lk->item.de), len);
	return fat_op_end(v, err);
}

/* Why lk's entry may not be removed or replaced: missing, read-only, open. */
static uint32_t removable(struct fat_volume *v, const struct fat_lookup *lk)
{
	if (lk->is_root)
		return ERROR_ACCESS_DENIED;
	if (!lk->found)
		return ERROR_FILE_NOT_FOUND;
	if (lk->item.de.attr & FAT_ATTR_READONLY)
		return ERROR_ACCESS_DENIED;
	if (fat_fcb_find(v, &lk->item.where))
		return ERROR_SHARING_VIOLATION;
	return ERROR_SUCCESS;
}

uint32_t fat_delete(struct fat_volume *v, const char *path)
{
	struct fat_lookup lk = { 0 };
	uint32_t len, err = fat_lookup(v, path, &lk);

	if (err || (err = removable(v, &lk)))
		return err;
	if (lk.item.de.attr & FAT_ATTR_DIRECTORY)
		return ERROR_ACCESS_DENIED;
	if ((err = fat_chain_of(v, &lk.item.de, &len)))
		return err;
	return remove_entry(v, &lk, len);
}

/* Whether the directory at cluster dir holds nothing but "." and "..". */
static uint32_t dir_empty(struct fat_volume *v, uint32_t dir)
{
	struct fat_item item;
	struct fat_cursor cur;
	uint32_t err = fat_cursor_open(&cur, v, dir, 0);

	while (!err && !(err = fat_dir_next(&cur, &item, NULL)))
		if (memcmp(item.de.name, ".          ", 11) &&
		    memcmp(item.de.name, "..         ", 11))
			return ERROR_DIR_NOT_EMPTY;
	return err == ERROR_NO_MORE_FILES ? ERROR_SUCCESS : err;
}

uint32_t fat_rmdir(struct fat_volume *v, const char *path)
{
	struct fat_lookup lk = { 0 };
	uint32_t len, err = fat_lookup(v, path, &lk);

	if (err || (err = removable(v, &lk)))
		return err;
	if (!(lk.item.de.attr & FAT_ATTR_DIRECTORY))
		return ERROR_DIRECTORY;
	if ((err = fat_chain_of(v, &lk.item.de, &len)) ||
	    (err = dir_empty(v, fat_dirent_cluster(&lk.item.de))))
		return err;
	return remove_entry(v, &lk, len);
}

/* Writes what the device's metadata cache holds, if it has one. */
static uint32_t meta_flush(struct fat_volume *v)
{
	return v->dev.meta_flush ? v->dev.meta_flush(v->dev.ctx) : ERROR_SUCCESS;
}

/* Points the ".." entry of the directory at cluster dir to parent (the root
 * as 0); with write false it only checks the entry is there. */
static uint32_t dotdot_set(struct fat_volume *v, uint32_t dir, uint32_t parent, bool write)
{
	struct fat_cursor cur;
	uint8_t *raw;
	uint32_t err;

	if ((err = fat_cursor_open(&cur, v, dir, 1)) || (err = fat_cursor_next(&cur, &raw)))
		return err == ERROR_NO_MORE_FILES ? ERROR_FILE_CORRUPT : err;
	if (memcmp(raw, "..         ", 11) || !(raw[11] & FAT_ATTR_DIRECTORY))
		return ERROR_FILE_CORRUPT;
	if (!write)
		return ERROR_SUCCESS;
	parent = parent == v->root ? 0 : parent;
	raw[26] = (uint8_t)parent;              /* cluster_lo */
	raw[27] = (uint8_t)(parent >> 8);
	raw[20] = (uint8_t)(parent >> 16);      /* cluster_hi */
	raw[21] = (uint8_t)(parent >> 24);
	return fat_cursor_write(&cur);
}

/* Why dst may not be replaced by src (MoveFileEx's REPLACE_EXISTING; an
 * open target is ERROR_ACCESS_DENIED there, as NT's file systems refuse it);
 * on success *len is dst's chain, freed once src has taken its name. */
static uint32_t replaceable(struct fat_volume *v, const struct fat_lookup *src,
			    const struct fat_lookup *dst, bool replace, uint32_t *len)
{
	uint32_t err;

	*len = 0;
	if (!dst->found)
		return ERROR_SUCCESS;
	if (!replace)
		return ERROR_ALREADY_EXISTS;
	if ((dst->item.de.attr | src->item.de.attr) & FAT_ATTR_DIRECTORY)
		return ERROR_ACCESS_DENIED;
	if ((err = removable(v, dst)))
		return err == ERROR_SHARING_VIOLATION ? ERROR_ACCESS_DENIED : err;
	return fat_chain_of(v, &dst->item.de, len);
}

/* Moves src's entry to dst's name: room for the new set first (nothing else
 * changes if there is none), then the replaced entry and the source are
 * erased, a moved directory's ".." follows, the new set is written, and the
 * replaced file's clusters are freed. */
static uint32_t move(struct fat_volume *v, struct fat_lookup *src, struct fat_lookup *dst,
		     uint32_t dst_len)
{
	struct fat_file *f = fat_fcb_find(v, &src->item.where);
	struct fat_dirent de = f ? f->de : src->item.de;
	bool is_dir = de.attr & FAT_ATTR_DIRECTORY, moved = src->dir != dst->dir, lfn;
	uint32_t dir = fat_dirent_cluster(&de), start, err;
	struct fat_where w;

	if ((is_dir && moved && (err = dotdot_set(v, dir, dst->dir, false))) ||
	    (err = fat_entry_prepare(v, dst, &de, &start, &lfn)))
		return err;
	/* The erasures reach the disk before the new set (a cache below
	 * might write them in another order): never two entries of one chain.
	 * A moved directory's ".." changes in between, alone: before the
	 * erasure it would be wrong where the directory still is, after the
	 * new set wrong where it is now. */
	if ((dst->found && (err = fat_dir_erase(v, &dst->item.where))) ||
	    (err = fat_dir_erase(v, &src->item.where)) || (err = meta_flush(v)) ||
	    (is_dir && moved &&
	     ((err = dotdot_set(v, dir, dst->dir, true)) || (err = meta_flush(v)))) ||
	    (err = fat_dir_write_set(v, dst->dir, start, &dst->name, &de, lfn, &w)))
		return err;
	if (f) {
		f->where = w;
		memcpy(f->de.name, de.name, 11);
	}
	if (dst_len)
		err = fat_free_chain(v, fat_dirent_cluster(&dst->item.de), dst_len);
	return err;
}

/* fat_rename with its two lookups in m[0] (source) and m[1] (target). */
static uint32_t rename_in(struct fat_volume *v, struct fat_lookup *m, const char *from,
			  const char *to, bool replace)
{
	struct fat_lookup *src = &m[0], *dst = &m[1];
	uint32_t dst_len, err = fat_lookup(v, from, src);

	if (err)
		return err;
	if (src->is_root || !src->found)
		return src->is_root ? ERROR_ACCESS_DENIED : ERROR_FILE_NOT_FOUND;
	if ((err = fat_entry_check(v, &src->item.de)))
		return err;
	dst->create = true;
	dst->ignore = &src->item.where;
	if (src->item.de.attr & FAT_ATTR_DIRECTORY)
		dst->watch = fat_dirent_cluster(&src->item.de);
	if ((err = fat_lookup(v, to, dst)))
		return err;
	if (dst->is_root)
		return ERROR_ACCESS_DENIED;
	if (dst->passed)
		return ERROR_SHARING_VIOLATION;         /* into itself */
	if ((err = replaceable(v, src, dst, replace, &dst_len)))
		return err;
	return fat_op_end(v, move(v, src, dst, dst_len));
}

uint32_t fat_rename(struct fat_volume *v, const char *from, const char *to, bool replace)
{
	struct fat_lookup *m = kmalloc(2 * sizeof(*m));     /* too big for a kernel stack */
	uint32_t err;

	if (!m)
		return ERROR_NOT_ENOUGH_MEMORY;
	memset(m, 0, 2 * sizeof(*m));
	err = rename_in(v, m, from, to, replace);
	kfree(m);
	return err;
}
