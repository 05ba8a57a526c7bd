/* Volumes: the boot sector's BPB checked field by field against Microsoft's
 * FAT specification, FSInfo read and kept right, mount and unmount. See
 * kernel/io/fat/fatp.h. */
#include "kernel/io/fat/fatp.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

#define FSINFO_LEAD   0x41615252u       /* "RRaA" at 0 */
#define FSINFO_STRUCT 0x61417272u       /* "rrAa" at 484 */
#define FSINFO_TRAIL  0xAA550000u       /* at 508 */
#define FSINFO_UNKNOWN 0xFFFFFFFFu
#define FAT32_MIN_CLUSTERS 65525u       /* fewer: FAT12 or FAT16 */
#define FAT32_MAX_CLUSTERS 0x0FFFFFF5u
#define BOOT_SIG_EXTENDED 0x29u         /* BS_BootSig: BS_VolID, BS_VolLab, BS_FilSysType follow */
#define LABEL_LEN         11u

static uint32_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static void put32(uint8_t *p, uint32_t x)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(x >> 8 * i);
}

static bool power_of_two(uint32_t x)
{
	return x && !(x & (x - 1));
}

/* The BPB fields mount uses (logical sectors unless said). */
struct bpb {
	uint32_t bytes, per_cluster, reserved, fats, root_entries, total, fat_size;
	uint32_t ext_flags, version, root, fsinfo;
};

static void bpb_read(const uint8_t *s, struct bpb *b)
{
	b->bytes = le16(s + 11);
	b->per_cluster = s[13];
	b->reserved = le16(s + 14);
	b->fats = s[16];
	b->root_entries = le16(s + 17);
	b->total = le16(s + 19) ? le16(s + 19) : le32(s + 32);
	b->fat_size = le16(s + 22) ? le16(s + 22) : le32(s + 36);
	b->ext_flags = le16(s + 40);
	b->version = le16(s + 42);
	b->root = le32(s + 44);
	b->fsinfo = le16(s + 48);
}

/* Checks the boot sector s alone: NULL when it is a FAT32 one, else why not. */
static const char *bpb_refusal(const uint8_t *s, const struct bpb *b)
{
	if (s[510] != 0x55 || s[511] != 0xAA)
		return "no boot sector signature (55 AA)";
	if (!(s[0] == 0xEB && s[2] == 0x90) && s[0] != 0xE9)
		return "no jump instruction at the boot sector's start";
	if (b->bytes < 512 || b->bytes > 4096 || !power_of_two(b->bytes))
		return "bytes per sector is not 512, 1024, 2048 or 4096";
	if (!power_of_two(b->per_cluster) || b->per_cluster * b->bytes > 65536)
		return "sectors per cluster is not a power of two giving at most 64 KB";
	if (b->reserved == 0)
		return "no reserved sectors";
	if (b->fats == 0 || b->fats > 2)
		return "the number of FATs is not 1 or 2";
	if (b->root_entries != 0 || le16(s + 22) != 0)
		return "a FAT12/FAT16 BPB (root entries or 16-bit FAT size set), not FAT32";
	if (s[21] != 0xF0 && s[21] < 0xF8)
		return "bad media byte";
	if (b->version != 0)
		return "FAT32 version is not 0.0";
	return NULL;
}

/* Derives v's geometry from b, checking it against itself and the device:
 * ERROR_SUCCESS, or an error with *why. */
static uint32_t geometry(struct fat_volume *v, const struct bpb *b, const char **why)
{
	uint32_t scale = b->bytes / FAT_SECTOR_SIZE;
	uint64_t meta = b->reserved + (uint64_t)b->fats * b->fat_size, clusters;

	if ((uint64_t)b->total * scale > v->dev.sectors) {
		*why = "the volume is larger than its device";
		return ERROR_DISK_CORRUPT;
	}
	if (b->fat_size == 0 || meta >= b->total) {
		*why = "the FATs leave no data area";
		return ERROR_DISK_CORRUPT;
	}
	clusters = (b->total - meta) / b->per_cluster;
	if (clusters < FAT32_MIN_CLUSTERS || clusters > FAT32_MAX_CLUSTERS) {
		*why = "the cluster count is outside FAT32's range";
		return ERROR_UNRECOGNIZED_VOLUME;
	}
	if ((uint64_t)b->fat_size * b->bytes / 4 < clusters + 2) {
		*why = "the FAT is too small for the cluster count";
		return ERROR_DISK_CORRUPT;
	}
	if (b->root < 2 || b->root - 2 >= clusters) {
		*why = "the root directory's cluster is outside the volume";
		return ERROR_DISK_CORRUPT;
	}
	v->clusters = (uint32_t)clusters;
	v->fat_sectors = b->fat_size * scale;
	v->fat_stride = v->fat_sectors;
	v->fat_lba = b->reserved * scale;
	v->fat_copies = b->fats;
	if (b->ext_flags & 0x80) {              /* mirroring off: one active FAT */
		if ((b->ext_flags & 15) >= b->fats) {
			*why = "the active FAT does not exist";
			return ERROR_DISK_CORRUPT;
		}
		v->fat_lba += (b->ext_flags & 15) * v->fat_sectors;
		v->fat_copies = 1;
	}
	v->data_lba = (uint32_t)meta * scale;
	v->cluster_sectors = b->per_cluster * scale;
	v->cluster_bytes = v->cluster_sectors * FAT_SECTOR_SIZE;
	while (1u << v->cluster_shift < v->cluster_bytes)
		v->cluster_shift++;
	v->root = b->root;
	v->fsinfo_lba = b->fsinfo && b->fsinfo < b->reserved ? b->fsinfo * scale : 0;
	return ERROR_SUCCESS;
}

/* Reads FSInfo (when the BPB names one with its three signatures) as hints:
 * the next-free hint is used, the free count is checked against the FAT. */
static uint32_t fsinfo_read(struct fat_volume *v)
{
	uint32_t err;

	if (!v->fsinfo_lba)
		return ERROR_SUCCESS;
	if ((err = fat_meta_read(v, v->fsinfo_lba, v->io)))
		return err;
	if (le32(v->io) != FSINFO_LEAD || le32(v->io + 484) != FSINFO_STRUCT ||
	    le32(v->io + 508) != FSINFO_TRAIL) {
		v->fsinfo_lba = 0;              /* not ours to write */
		return ERROR_SUCCESS;
	}
	v->fsinfo_free = le32(v->io + 488);
	v->fsinfo_next = le32(v->io + 492);
	v->next_free = v->fsinfo_next;
	return ERROR_SUCCESS;
}

/* Writes FSInfo's free count and next-free hint when they changed. */
uint32_t fat_fsinfo_sync(struct fat_volume *v)
{
	uint32_t err;

	if (!v->fsinfo_lba || (v->fsinfo_free == v->free_count && v->fsinfo_next == v->next_free))
		return ERROR_SUCCESS;
	if ((err = fat_meta_read(v, v->fsinfo_lba, v->io)))
		return err;
	put32(v->io + 488, v->free_count);
	put32(v->io + 492, v->next_free);
	if ((err = fat_meta_write(v, v->fsinfo_lba, v->io)))
		return err;
	v->fsinfo_free = v->free_count;
	v->fsinfo_next = v->next_free;
	return ERROR_SUCCESS;
}

/* Ends a namespace operation: the FAT, then FSInfo, reach the disk. Returns
 * err, else the first error writing them. */
uint32_t fat_op_end(struct fat_volume *v, uint32_t err)
{
	uint32_t e = fat_table_flush(v);

	if (!e)
		e = fat_fsinfo_sync(v);
	return err ? err : e;
}

static void volume_free(struct fat_volume *v)
{
	kfree(v->zero);
	kfree(v->tails);
	kfree(v);
}

/* Reads and checks everything mount needs after the BPB: FSInfo, the free
 * clusters (counted, as FSInfo's count is only a hint) and the root's chain
 * start. */
static uint32_t mount_scan(struct fat_volume *v, const char **why)
{
	uint32_t value, err;

	if ((err = fsinfo_read(v)) || (err = fat_count_free(v)) ||
	    (err = fat_get(v, v->root, &value))) {
		*why = "the device failed reading the volume's metadata";
		return err;
	}
	if (value == 0 || value == FAT_BAD ||
	    (value < FAT_EOC_MIN && !fat_cluster_valid(v, value))) {
		*why = "the root directory's first cluster is not in use in the FAT";
		return ERROR_DISK_CORRUPT;
	}
	return ERROR_SUCCESS;
}

uint32_t fat_mount(const struct fat_blockdev *dev, fat_clock_fn clock, struct fat_volume **out,
		   const char **why)
{
	struct fat_volume *v = kmalloc(sizeof(*v));
	const char *reason = "out of memory";
	struct bpb b;
	uint32_t err = ERROR_NOT_ENOUGH_MEMORY;

	if (!v)
		goto refuse;
	memset(v, 0, sizeof(*v));
	v->dev = *dev;
	v->clock = clock;
	v->fat_cached = ~0u;
	reason = "the device failed reading the boot sector";
	if ((err = dev->sectors ? dev->read(dev->ctx, 0, 1, v->sector) : ERROR_UNRECOGNIZED_VOLUME))
		goto refuse;
	bpb_read(v->sector, &b);
	if ((reason = bpb_refusal(v->sector, &b))) {
		err = ERROR_UNRECOGNIZED_VOLUME;
		goto refuse;
	}
	if (v->sector[66] == BOOT_SIG_EXTENDED)
		v->serial = le32(v->sector + 67);
	if ((err = geometry(v, &b, &reason)) || (err = mount_scan(v, &reason)))
		goto refuse;
	v->zero = kmalloc(v->cluster_bytes);
	v->tails = kmalloc((FAT_TAIL_MAX + 32) / 32 * sizeof(uint32_t));
	err = ERROR_NOT_ENOUGH_MEMORY;
	reason = "out of memory";
	if (!v->zero || !v->tails)
		goto refuse;
	memset(v->zero, 0, v->cluster_bytes);
	*out = v;
	return ERROR_SUCCESS;
refuse:
	if (v)
		volume_free(v);
	if (why)
		*why = reason;
	return err;
}

uint32_t fat_unmount(struct fat_volume *v)
{
	uint32_t err;

	if (v->open)
		return ERROR_BUSY;
	if ((err = fat_op_end(v, ERROR_SUCCESS)))
		return err;
	volume_free(v);
	return ERROR_SUCCESS;
}

uint32_t fat_flush(struct fat_volume *v)
{
	return fat_op_end(v, ERROR_SUCCESS);
}

void fat_space(const struct fat_volume *v, uint32_t *cluster_bytes, uint32_t *free_clusters,
	       uint32_t *total_clusters)
{
	*cluster_bytes = v->cluster_bytes;
	*free_clusters = v->free_count + v->freed_clusters;
	*total_clusters = v->clusters;
}

uint32_t fat_serial(const struct fat_volume *v)
{
	return v->serial;
}

uint32_t fat_data_lba(const struct fat_volume *v)
{
	return v->data_lba;
}

uint32_t fat_label(struct fat_volume *v, char label[12])
{
	struct fat_cursor cur;
	uint8_t *raw;
	uint32_t err = fat_cursor_open(&cur, v, v->root, 0), n = LABEL_LEN;

	label[0] = '\0';
	while (!err && !(err = fat_cursor_next(&cur, &raw)) && raw[0] != 0) {
		if (raw[0] == FAT_DELETED || (raw[11] & FAT_ATTR_LFN_MASK) == FAT_ATTR_LFN ||
		    (raw[11] & (FAT_ATTR_VOLUME_ID | FAT_ATTR_DIRECTORY)) != FAT_ATTR_VOLUME_ID)
			continue;
		memcpy(label, raw, LABEL_LEN);
		if ((uint8_t)label[0] == 0x05)  /* a first byte of 0xE5 is kept so */
			label[0] = (char)FAT_DELETED;
		while (n && label[n - 1] == ' ')
			n--;
		label[n] = '\0';
		return ERROR_SUCCESS;
	}
	return err == ERROR_NO_MORE_FILES ? ERROR_SUCCESS : err;
}
