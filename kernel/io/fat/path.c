/* The namespace: path walking, directory search, new entries (create and
 * mkdir), attributes, and enumeration. See kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/codepage.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/wildcard.h"
#include "kernel/rtl/winerror.h"

#define TAIL_WORDS ((FAT_TAIL_MAX + 32) / 32)

/* Records what an existing short name means for a new one's basis b: the
 * basis itself taken, or one of its numeric tails. */
static void note_short(struct fat_volume *v, struct fat_basis *b, const uint8_t sfn[11])
{
	uint32_t tail;

	if (memcmp(sfn, b->sfn, 11) == 0)
		b->taken = true;
	else if (fat_name_tail(b, sfn, &tail) && tail <= FAT_TAIL_MAX)
		v->tails[tail / 32] |= 1u << (tail % 32);
}

/* Whether item is named n (its long name or its short name, case aside). */
static bool item_named(const struct fat_item *item, const struct fat_name *n)
{
	uint16_t short_name[12];

	if (item->long_len && fat_name_matches(n, item->long_name, item->long_len))
		return true;
	return n->len <= 12 &&         /* no 8.3 name is longer */
	       fat_name_matches(n, short_name, fat_name_short(&item->de, short_name));
}

/* Searches directory dir for lk->name into lk->item. A create search (the
 * last component's) passes over lk->ignore and reads the whole directory,
 * filling lk->slots and lk->basis (and v->tails); others stop at the match.
 * ERROR_FILE_NOT_FOUND when nothing matched. */
static uint32_t dir_search(struct fat_volume *v, uint32_t dir, struct fat_lookup *lk, bool create)
{
	struct fat_item scan;
	struct fat_cursor cur;
	uint32_t err;
	bool found = false;

	if (create) {
		fat_name_basis(&lk->name, &lk->basis);
		lk->basis.taken = false;
		memset(v->tails, 0, TAIL_WORDS * sizeof(uint32_t));
		lk->slots = (struct fat_slots){ .want = 1, .mark = ~0u };
		if (!lk->basis.exact)
			lk->slots.want += (lk->name.len + FAT_LFN_CHARS - 1) / FAT_LFN_CHARS;
	}
	err = fat_cursor_open(&cur, v, dir, 0);
	while (!err && !(err = fat_dir_next(&cur, &scan, create ? &lk->slots : NULL))) {
		if (create && lk->ignore && scan.where.dir == lk->ignore->dir &&
		    scan.where.index == lk->ignore->index)
			continue;
		if (!found && item_named(&scan, &lk->name)) {
			lk->item = scan;
			found = true;
			if (!create)
				return ERROR_SUCCESS;
		}
		if (create)
			note_short(v, &lk->basis, scan.de.name);
	}
	if (err != ERROR_NO_MORE_FILES)
		return err;
	return found ? ERROR_SUCCESS : ERROR_FILE_NOT_FOUND;
}

/* The end of the component at p: the next '\' or the NUL. */
static const char *component_end(const char *p)
{
	while (*p && *p != '\\')
		p++;
	return p;
}

/* Checks every component of path p (after any leading '\') first, so a bad
 * name anywhere gives ERROR_INVALID_NAME (or ERROR_FILENAME_EXCED_RANGE)
 * before a missing directory gives ERROR_PATH_NOT_FOUND, as on Windows. */
static uint32_t path_check(const char *p, struct fat_name *scratch)
{
	const char *e;
	uint32_t err;

	for (;; p = e + 1) {
		e = component_end(p);
		if ((err = fat_name_parse(p, (uint32_t)(e - p), scratch)) || !*e || !e[1])
			return err;
	}
}

/* Walks path from the root. Every directory on the way must exist
 * (ERROR_PATH_NOT_FOUND) and be sound (ERROR_FILE_CORRUPT); the last
 * component is looked up in its directory (lk->found says whether it exists;
 * lk->create asks for the whole search). A trailing '\' after a file gives
 * ERROR_INVALID_NAME, as Windows. */
uint32_t fat_lookup(struct fat_volume *v, const char *path, struct fat_lookup *lk)
{
	const char *p = path, *e;
	uint32_t dir = v->root, err;
	bool last;

	lk->is_root = lk->found = lk->trailing = false;
	lk->passed = dir == lk->watch;
	lk->dir = dir;
	if (*p == '\\')
		p++;
	if (*p == '\0') {
		lk->is_root = lk->found = true;
		return ERROR_SUCCESS;
	}
	if ((err = path_check(p, &lk->name)))
		return err;
	for (;; p = e + 1) {
		e = component_end(p);
		last = *e == '\0' || e[1] == '\0';
		fat_name_parse(p, (uint32_t)(e - p), &lk->name);
		lk->dir = dir;
		err = dir_search(v, dir, lk, last && lk->create);
		if (err && err != ERROR_FILE_NOT_FOUND)
			return err;
		if (last)
			break;
		if (err || !(lk->item.de.attr & FAT_ATTR_DIRECTORY))
			return ERROR_PATH_NOT_FOUND;
		if ((err = fat_entry_check(v, &lk->item.de)))
			return err;
		dir = fat_dirent_cluster(&lk->item.de);
		lk->passed |= dir == lk->watch;
	}
	lk->found = err == ERROR_SUCCESS;
	lk->trailing = *e != '\0';
	if (lk->found && lk->trailing && !(lk->item.de.attr & FAT_ATTR_DIRECTORY))
		return ERROR_INVALID_NAME;
	return ERROR_SUCCESS;
}

/* The smallest numeric tail the directory search left free. */
static uint32_t free_tail(const struct fat_volume *v)
{
	uint32_t t = 1;

	while (v->tails[t / 32] >> (t % 32) & 1)
		t++;
	return t;
}

/* Names de for a new entry set after a create lookup of a missing name: the
 * name itself when it is an 8.3 name (no long-name entries: *lfn false), the
 * basis when it fits and is free, else the basis with the smallest free
 * numeric tail; then finds room for the set (*start), growing the directory
 * if need be. */
uint32_t fat_entry_prepare(struct fat_volume *v, struct fat_lookup *lk, struct fat_dirent *de,
			   uint32_t *start, bool *lfn)
{
	const struct fat_basis *b = &lk->basis;

	*lfn = !b->exact;
	if (b->fits && !b->taken)
		memcpy(de->name, b->sfn, 11);
	else
		fat_name_with_tail(b, free_tail(v), de->name);
	return fat_dir_place(v, lk->dir, &lk->slots, start);
}

/* Adds the entry de for lk's missing name; *w says where it went. */
static uint32_t entry_add(struct fat_volume *v, struct fat_lookup *lk, struct fat_dirent *de,
			  struct fat_where *w)
{
	uint32_t start, err;
	bool lfn;

	if ((err = fat_entry_prepare(v, lk, de, &start, &lfn)))
		return err;
	return fat_dir_write_set(v, lk->dir, start, &lk->name, de, lfn, w);
}

/* Fills info from a directory item: attributes, size, times, names. */
static void item_info(const struct fat_item *item, struct fat_info *info)
{
	uint16_t short_name[12];
	uint32_t n = fat_name_short(&item->de, short_name);

	fat_info_fill(&item->de, info);
	fat_name_to_oem(short_name, n, info->short_name);
	if (item->long_len)
		fat_name_to_oem(item->long_name, item->long_len, info->name);
	else
		memcpy(info->name, info->short_name, n + 1);
}

uint32_t fat_open(struct fat_volume *v, const char *path, struct fat_file **out)
{
	struct fat_lookup lk = { 0 };
	uint32_t err = fat_lookup(v, path, &lk);

	if (err)
		return err;
	if (lk.is_root)
		return fat_fcb_root(v, out);
	if (!lk.found)
		return ERROR_FILE_NOT_FOUND;
	return fat_fcb_get(v, &lk.item, out);
}

uint32_t fat_create(struct fat_volume *v, const char *path, uint32_t attr, struct fat_file **out)
{
	struct fat_lookup lk = { .create = true };
	uint32_t err = fat_lookup(v, path, &lk);

	if (err)
		return err;
	if (lk.is_root || lk.found)
		return lk.is_root ? ERROR_ACCESS_DENIED : ERROR_FILE_EXISTS;
	if (lk.trailing)
		return ERROR_INVALID_NAME;
	memset(&lk.item.de, 0, sizeof(lk.item.de));
	lk.item.de.attr = (uint8_t)((attr & FAT_ATTR_SETTABLE) | FAT_ATTR_ARCHIVE);
	fat_stamp(v, &lk.item.de, true, true);
	err = entry_add(v, &lk, &lk.item.de, &lk.item.where);
	if (!err)
		err = fat_fcb_get(v, &lk.item, out);
	return fat_op_end(v, err);
}

/* Writes a new directory's first cluster c: zeros, then "." (c) and ".."
 * (parent; 0 for the root, as the specification wants), stamped as de. */
static uint32_t dir_init(struct fat_volume *v, uint32_t c, uint32_t parent,
			 const struct fat_dirent *de)
{
	struct fat_dirent dots[2] = { *de, *de };
	uint32_t err = fat_data_zero(v, c, 1);

	if (err)
		return err;
	memcpy(dots[0].name, ".          ", 11);
	memcpy(dots[1].name, "..         ", 11);
	fat_dirent_set_cluster(&dots[0], c);
	fat_dirent_set_cluster(&dots[1], parent == v->root ? 0 : parent);
	memset(v->io, 0, FAT_SECTOR_SIZE);
	memcpy(v->io, dots, sizeof(dots));
	return v->dev.write(v->dev.ctx, fat_cluster_lba(v, c), 1, v->io);     /* as the zeros */
}

uint32_t fat_mkdir(struct fat_volume *v, const char *path)
{
	struct fat_lookup lk = { .create = true };
	struct fat_dirent *de = &lk.item.de;
	uint32_t c, n, err = fat_lookup(v, path, &lk);

	if (err)
		return err;
	if (lk.is_root || lk.found)
		return ERROR_ALREADY_EXISTS;
	memset(de, 0, sizeof(*de));
	de->attr = FAT_ATTR_DIRECTORY;
	fat_stamp(v, de, true, true);
	if ((err = fat_find_run(v, 0, 1, &c, &n)) || (err = dir_init(v, c, lk.dir, de)) ||
	    (err = fat_link_run(v, 0, c, 1)) || (err = fat_table_flush(v)))
		return err;
	fat_dirent_set_cluster(de, c);
	if ((err = entry_add(v, &lk, de, &lk.item.where))) {
		fat_set(v, c, 0);               /* give the cluster back */
		v->free_count++;
		fat_table_flush(v);
	}
	return fat_op_end(v, err);
}

uint32_t fat_stat(struct fat_volume *v, const char *path, struct fat_info *info)
{
	struct fat_lookup lk = { 0 };
	uint32_t err = fat_lookup(v, path, &lk);

	if (err)
		return err;
	if (lk.is_root) {
		memset(info, 0, sizeof(*info));
		info->attributes = FAT_ATTR_DIRECTORY;
		return ERROR_SUCCESS;
	}
	if (!lk.found)
		return ERROR_FILE_NOT_FOUND;
	item_info(&lk.item, info);
	return ERROR_SUCCESS;
}

uint32_t fat_set_attributes(struct fat_volume *v, const char *path, uint32_t attr)
{
	struct fat_lookup lk = { 0 };
	struct fat_file *f;
	struct fat_dirent *de;
	uint32_t err = fat_lookup(v, path, &lk);

	if (err)
		return err;
	if (lk.is_root)
		return ERROR_ACCESS_DENIED;
	if (!lk.found)
		return ERROR_FILE_NOT_FOUND;
	f = fat_fcb_find(v, &lk.item.where);
	de = f ? &f->de : &lk.item.de;          /* an open file's FCB is the entry */
	de->attr = (uint8_t)((de->attr & ~FAT_ATTR_SETTABLE) | (attr & FAT_ATTR_SETTABLE));
	return fat_dirent_write(v, &lk.item.where, de);
}

/* Folds s in place to upper case over CP437 (for wildcard matching). */
static void fold_oem(char *s)
{
	for (; *s; s++) {
		uint8_t up = cp437_from_unicode(fat_upcase(cp437_to_unicode((uint8_t)*s)));
		if (up)
			*s = (char)up;
	}
}

uint32_t fat_find_first(struct fat_volume *v, const char *dir_path, const char *pattern,
			struct fat_find *find)
{
	struct fat_lookup lk = { 0 };
	uint32_t err = fat_lookup(v, dir_path, &lk);

	if (err)
		return err;
	if (!lk.found || !(lk.is_root || lk.item.de.attr & FAT_ATTR_DIRECTORY))
		return ERROR_PATH_NOT_FOUND;
	if (!lk.is_root && (err = fat_entry_check(v, &lk.item.de)))
		return err;
	if (strlen(pattern) > FAT_NAME_MAX)
		return ERROR_FILENAME_EXCED_RANGE;
	find->vol = v;
	find->dir = lk.is_root ? v->root : fat_dirent_cluster(&lk.item.de);
	find->index = find->cluster = find->cluster_index = 0;
	memcpy(find->pattern, pattern, strlen(pattern) + 1);
	fold_oem(find->pattern);
	return ERROR_SUCCESS;
}

/* Whether name, folded, matches the folded pattern. */
static bool name_fits(const char *pattern, const char *name)
{
	char folded[FAT_NAME_MAX + 1];

	memcpy(folded, name, strlen(name) + 1);
	fold_oem(folded);
	return rtl_wildcard_match(pattern, folded);
}

uint32_t fat_find_next(struct fat_find *find, struct fat_info *info)
{
	struct fat_item item;
	struct fat_cursor cur;
	uint32_t err = fat_cursor_resume(&cur, find->vol, find->dir, find->index, find->cluster,
					 find->cluster_index);

	while (!err && !(err = fat_dir_next(&cur, &item, NULL))) {
		find->index = cur.index;
		find->cluster = cur.cluster;
		find->cluster_index = cur.cluster_index;
		item_info(&item, info);
		if (name_fits(find->pattern, info->name) ||
		    name_fits(find->pattern, info->short_name))
			return ERROR_SUCCESS;
	}
	return err;
}
