/* Directory entries: reading a directory's chain entry by entry, assembling
 * long names (checksum and ordinals verified), finding and making room for an
 * entry set, and writing and erasing sets. See kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"

/* Where the 13 characters of a long-name entry sit in it (UTF-16LE). */
static const uint8_t lfn_offset[FAT_LFN_CHARS] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

/* A short entry's first cluster. */
uint32_t fat_dirent_cluster(const struct fat_dirent *de)
{
	return (uint32_t)de->cluster_hi << 16 | de->cluster_lo;
}

/* Sets a short entry's first cluster. */
void fat_dirent_set_cluster(struct fat_dirent *de, uint32_t c)
{
	de->cluster_hi = (uint16_t)(c >> 16);
	de->cluster_lo = (uint16_t)c;
}

static uint32_t per_cluster(const struct fat_volume *v)
{
	return v->cluster_bytes / FAT_DIRENT_SIZE;
}

/* Brings device sector lba into v->sector (the one-sector directory cache). */
static uint32_t sector_load(struct fat_volume *v, uint32_t lba)
{
	uint32_t err;

	if (v->sector_lba == lba)
		return ERROR_SUCCESS;
	v->sector_lba = 0;
	if ((err = fat_meta_read(v, lba, v->sector)))
		return err;
	v->sector_lba = lba;
	return ERROR_SUCCESS;
}

/* Moves the cursor to the next cluster of the directory; past the last one
 * it notes the last and stops. A chain longer than a directory can be (the
 * specification's 65536 entries) gives ERROR_FILE_CORRUPT. */
static uint32_t advance(struct fat_cursor *cur)
{
	uint32_t next, err = fat_next(cur->vol, cur->cluster, &next);

	if (err)
		return err;
	if (!next) {
		cur->last_cluster = cur->cluster;
		cur->cluster = 0;
		return ERROR_SUCCESS;
	}
	if ((cur->cluster_index + 1) * per_cluster(cur->vol) >= FAT_DIR_MAX_ENTRIES)
		return ERROR_FILE_CORRUPT;
	cur->cluster = next;
	cur->cluster_index++;
	return ERROR_SUCCESS;
}

/* Opens a cursor on directory dir at entry index. ERROR_FILE_CORRUPT when dir
 * is not a cluster of the volume or its chain is broken before index. */
uint32_t fat_cursor_open(struct fat_cursor *cur, struct fat_volume *v, uint32_t dir,
			 uint32_t index)
{
	uint32_t err;

	if (!fat_cluster_valid(v, dir))
		return ERROR_FILE_CORRUPT;
	*cur = (struct fat_cursor){ .vol = v, .dir = dir, .cluster = dir, .index = index };
	while (cur->cluster && cur->cluster_index < index / per_cluster(v))
		if ((err = advance(cur)))
			return err;
	return ERROR_SUCCESS;
}

/* Opens a cursor on directory dir at entry index, starting from a known
 * position (cluster at chain position cluster_index) when that is index's
 * cluster or the one before, else as fat_cursor_open does. */
uint32_t fat_cursor_resume(struct fat_cursor *cur, struct fat_volume *v, uint32_t dir,
			   uint32_t index, uint32_t cluster, uint32_t cluster_index)
{
	uint32_t at = index / per_cluster(v);

	if (!fat_cluster_valid(v, cluster) || cluster_index > at || at - cluster_index > 1)
		return fat_cursor_open(cur, v, dir, index);
	*cur = (struct fat_cursor){ .vol = v, .dir = dir, .cluster = cluster,
				    .cluster_index = cluster_index, .index = index };
	return ERROR_SUCCESS;
}

/* The next raw entry, in v->sector (valid until the next directory access;
 * the caller may edit it and write it back with fat_cursor_write).
 * ERROR_NO_MORE_FILES past the chain's end. */
uint32_t fat_cursor_next(struct fat_cursor *cur, uint8_t **raw)
{
	uint32_t pos, err;

	if (cur->cluster && cur->index / per_cluster(cur->vol) != cur->cluster_index &&
	    (err = advance(cur)))
		return err;
	if (!cur->cluster)
		return ERROR_NO_MORE_FILES;
	pos = cur->index % per_cluster(cur->vol);
	cur->lba = fat_cluster_lba(cur->vol, cur->cluster) + pos / FAT_DIRENTS_PER_SECTOR;
	if ((err = sector_load(cur->vol, cur->lba)))
		return err;
	*raw = cur->vol->sector + pos % FAT_DIRENTS_PER_SECTOR * FAT_DIRENT_SIZE;
	cur->index++;
	return ERROR_SUCCESS;
}

/* Writes the sector of the entry fat_cursor_next returned last. */
uint32_t fat_cursor_write(struct fat_cursor *cur)
{
	return fat_meta_write(cur->vol, cur->lba, cur->vol->sector);
}

/* Notes entry index as free or used for a set of slots->want entries. A set
 * of up to a sector's worth never straddles sectors (it is written at once). */
static void slot_note(struct fat_slots *slots, uint32_t index, bool free)
{
	if (!slots || slots->found)
		return;
	if (!free || (slots->want <= FAT_DIRENTS_PER_SECTOR && index % FAT_DIRENTS_PER_SECTOR == 0))
		slots->run = 0;
	if (!free)
		return;
	if (slots->run++ == 0)
		slots->run_start = index;
	if (slots->run == slots->want) {
		slots->found = true;
		slots->start = slots->run_start;
	}
}

/* The long name being assembled: the ordinal expected next (0: complete),
 * the checksum, the first entry's index, the length (0: none). */
struct lfn_state {
	uint32_t next, first, len;
	uint8_t sum;
};

/* Takes one long-name entry into st and item's name; entries out of sequence
 * or with another checksum drop what was assembled (orphans, as Windows). */
static void lfn_take(struct lfn_state *st, struct fat_item *item, const uint8_t *raw,
		     uint32_t index)
{
	uint32_t ord = raw[0] & FAT_LFN_ORD_MASK, base = (ord - 1) * FAT_LFN_CHARS, n;

	if (raw[0] & FAT_LFN_LAST) {
		*st = (struct lfn_state){ .next = ord, .first = index,
					  .sum = raw[FAT_LFN_CHECKSUM] };
		st->len = ord >= 1 && ord <= FAT_LFN_MAX_ENTRIES;       /* provisional */
	}
	if (!st->len || ord == 0 || ord != st->next || raw[FAT_LFN_CHECKSUM] != st->sum) {
		st->len = 0;
		return;
	}
	memcpy(item->long_name + base, raw + 1, 10);    /* UTF-16LE, as the CPU */
	memcpy(item->long_name + base + 5, raw + 14, 12);
	memcpy(item->long_name + base + 11, raw + 28, 4);
	if (raw[0] & FAT_LFN_LAST) {
		for (n = 0; n < FAT_LFN_CHARS && item->long_name[base + n]; n++)
			;
		st->len = base + n;
		if (n == 0 || st->len > FAT_NAME_MAX)
			st->len = 0;            /* empty or too long */
	}
	st->next = ord - 1;
}

/* Reads on to the chain's end, every entry free (past the end mark). */
static uint32_t drain(struct fat_cursor *cur, struct fat_slots *slots)
{
	uint8_t *raw;
	uint32_t err;

	while (!(err = fat_cursor_next(cur, &raw)))
		slot_note(slots, cur->index - 1, true);
	return err;
}

/* The next item of the directory: a short entry (volume labels skipped) with
 * its long name when one precedes it intact. ERROR_NO_MORE_FILES at the end
 * mark or the chain's end. When slots is not NULL, every entry read counts
 * for it, the scan goes on past the end mark, and at the end slots->end and
 * slots->last say how far the directory's clusters reach. */
uint32_t fat_dir_next(struct fat_cursor *cur, struct fat_item *item, struct fat_slots *slots)
{
	struct lfn_state st = { 0 };
	uint8_t *raw;
	uint32_t err, index;

	while (!(err = fat_cursor_next(cur, &raw))) {
		index = cur->index - 1;
		if (raw[0] == 0 || raw[0] == FAT_DELETED) {
			slot_note(slots, index, true);
			if (raw[0] == 0 && slots && slots->mark > index)
				slots->mark = index;
			st.len = 0;
			if (raw[0] == 0 && (!slots || (err = drain(cur, slots))))
				break;
			continue;
		}
		slot_note(slots, index, false);
		if ((raw[11] & FAT_ATTR_LFN_MASK) == FAT_ATTR_LFN) {
			lfn_take(&st, item, raw, index);
			continue;
		}
		if (raw[11] & FAT_ATTR_VOLUME_ID) {
			st.len = 0;
			continue;
		}
		memcpy(&item->de, raw, sizeof(item->de));
		item->where = (struct fat_where){ cur->dir, index, index, cur->lba };
		item->long_len = 0;
		if (st.len && st.next == 0 && st.sum == fat_name_checksum(item->de.name)) {
			item->long_len = st.len;
			item->where.first = st.first;
		}
		return ERROR_SUCCESS;
	}
	if (err == ERROR_NO_MORE_FILES && slots) {
		slots->end = cur->index;
		slots->last = cur->last_cluster;
	}
	return err ? err : ERROR_NO_MORE_FILES;
}

/* Rewrites the short entry at w with de. */
uint32_t fat_dirent_write(struct fat_volume *v, const struct fat_where *w,
			  const struct fat_dirent *de)
{
	uint32_t err = sector_load(v, w->lba);

	if (err)
		return err;
	memcpy(v->sector + w->index % FAT_DIRENTS_PER_SECTOR * FAT_DIRENT_SIZE, de, sizeof(*de));
	return fat_meta_write(v, w->lba, v->sector);
}

/* Fills raw as long-name entry ord (1-based) of name n. */
static void lfn_build(uint8_t *raw, const struct fat_name *n, uint32_t ord, bool last,
		      uint8_t sum)
{
	memset(raw, 0, FAT_DIRENT_SIZE);
	raw[0] = (uint8_t)(ord | (last ? FAT_LFN_LAST : 0));
	raw[11] = FAT_ATTR_LFN;
	raw[FAT_LFN_CHECKSUM] = sum;
	for (uint32_t k = 0; k < FAT_LFN_CHARS; k++) {
		uint32_t i = (ord - 1) * FAT_LFN_CHARS + k;
		uint16_t c = i < n->len ? n->uni[i] : i == n->len ? 0 : 0xFFFF;
		raw[lfn_offset[k]] = (uint8_t)c;
		raw[lfn_offset[k] + 1] = (uint8_t)(c >> 8);
	}
}

/* Writes the entry set for name n and short entry de at entries start.. of
 * directory dir (placed by fat_dir_place): the long-name entries when
 * with_lfn, then de, a sector at a time. *w is where de went. */
uint32_t fat_dir_write_set(struct fat_volume *v, uint32_t dir, uint32_t start,
			   const struct fat_name *n, const struct fat_dirent *de, bool with_lfn,
			   struct fat_where *w)
{
	uint32_t k = with_lfn ? (n->len + FAT_LFN_CHARS - 1) / FAT_LFN_CHARS : 0, err;
	uint8_t sum = fat_name_checksum(de->name), *raw;
	struct fat_cursor cur;

	if ((err = fat_cursor_open(&cur, v, dir, start)))
		return err;
	for (uint32_t i = 0; i <= k; i++) {
		if ((err = fat_cursor_next(&cur, &raw)))
			return err == ERROR_NO_MORE_FILES ? ERROR_FILE_CORRUPT : err;
		if (i < k)
			lfn_build(raw, n, k - i, i == 0, sum);
		else
			memcpy(raw, de, sizeof(*de));
		if ((i == k || cur.index % FAT_DIRENTS_PER_SECTOR == 0) &&
		    (err = fat_cursor_write(&cur)))
			return err;
	}
	*w = (struct fat_where){ dir, start + k, start, cur.lba };
	return ERROR_SUCCESS;
}

/* Marks entries from..to (inclusive) of directory dir free, a sector at a
 * time. */
static uint32_t mark_free(struct fat_volume *v, uint32_t dir, uint32_t from, uint32_t to)
{
	struct fat_cursor cur;
	uint8_t *raw;
	uint32_t err = fat_cursor_open(&cur, v, dir, from);

	for (uint32_t i = from; !err && i <= to; i++) {
		if ((err = fat_cursor_next(&cur, &raw)))
			break;
		raw[0] = FAT_DELETED;
		if (i == to || cur.index % FAT_DIRENTS_PER_SECTOR == 0)
			err = fat_cursor_write(&cur);
	}
	return err;
}

/* Marks the entry set at w free. */
uint32_t fat_dir_erase(struct fat_volume *v, const struct fat_where *w)
{
	return mark_free(v, w->dir, w->first, w->index);
}

/* The free run found for slots, else the directory's end, grown by zeroed
 * clusters for the set. */
static uint32_t grow_for(struct fat_volume *v, const struct fat_slots *slots, uint32_t *start)
{
	uint32_t need, prev = slots->last, first, n, err;

	if (slots->found) {
		*start = slots->start;
		return ERROR_SUCCESS;
	}
	*start = slots->end;
	if (slots->want > FAT_DIRENTS_PER_SECTOR)
		*start -= slots->run;           /* may straddle: the free tail helps */
	if (*start + slots->want > FAT_DIR_MAX_ENTRIES)
		return ERROR_CANNOT_MAKE;
	need = (*start + slots->want - slots->end + per_cluster(v) - 1) / per_cluster(v);
	while (need) {
		if ((err = fat_find_run(v, prev + 1, need, &first, &n)) ||
		    (err = fat_data_zero(v, first, n)) || (err = fat_link_run(v, prev, first, n)))
			return err;
		prev = first + n - 1;
		need -= n;
	}
	return fat_table_flush(v);
}

/* Where a set of slots->want entries goes in directory dir after a full scan
 * (fat_dir_next with slots to the end): the free run found, else the
 * directory's end, grown by zeroed clusters (written before the FAT links
 * them). An end mark before the place is overwritten as free entries, so
 * readers stopping at it see the set. ERROR_CANNOT_MAKE past 65536 entries;
 * ERROR_DISK_FULL. */
uint32_t fat_dir_place(struct fat_volume *v, uint32_t dir, const struct fat_slots *slots,
		       uint32_t *start)
{
	uint32_t err = grow_for(v, slots, start);

	if (!err && slots->mark < *start)
		err = mark_free(v, dir, slots->mark, *start - 1);
	return err;
}
