/* The FAT32 driver's private structures and the calls between its files:
 * mount.c (the volume), table.c (the FAT), name.c (names and 8.3), dirent.c
 * (directory entries), time.c (time stamps), file.c (file data, FCBs),
 * path.c and move.c (the namespace). See kernel/io/fat/fat.h for what the driver owns. Entries are
 * copied to and from disk as they lie, so the driver assumes a little-endian
 * CPU (i386; the host tests' x86-64). */
#ifndef KERNEL_IO_FAT_FATP_H
#define KERNEL_IO_FAT_FATP_H

#include "kernel/io/fat/fat.h"

#define FAT_EOC          0x0FFFFFFFu    /* what the driver writes at a chain's end */
#define FAT_EOC_MIN      0x0FFFFFF8u    /* values from here up end a chain */
#define FAT_BAD          0x0FFFFFF7u
#define FAT_MASK         0x0FFFFFFFu    /* the high four bits are reserved */
#define FAT_ENTRIES_PER_SECTOR (FAT_SECTOR_SIZE / 4)
#define FAT_DIRENT_SIZE  32u
#define FAT_DIRENTS_PER_SECTOR (FAT_SECTOR_SIZE / FAT_DIRENT_SIZE)
#define FAT_DIR_MAX_ENTRIES 65536u      /* the specification's limit per directory */
#define FAT_LFN_CHARS    13u            /* characters in one long-name entry */
#define FAT_LFN_MAX_ENTRIES 20u         /* 255 characters */
#define FAT_ATTR_LFN     0x0Fu          /* READONLY|HIDDEN|SYSTEM|VOLUME_ID */
#define FAT_ATTR_LFN_MASK 0x3Fu
#define FAT_DELETED      0xE5u          /* first name byte of a free entry */
#define FAT_NTRES_LOWER_BASE 0x08u      /* Windows NT: the 8.3 base reads lower case */
#define FAT_NTRES_LOWER_EXT  0x10u

/* A short (8.3) directory entry, as on disk (little-endian; every field is
 * naturally aligned, so the layout has no padding). */
struct fat_dirent {
	uint8_t name[11];
	uint8_t attr;
	uint8_t ntres;
	uint8_t ctime_tenth;            /* 0..199: hundredths over ctime's two seconds */
	uint16_t ctime, cdate, adate;
	uint16_t cluster_hi;
	uint16_t wtime, wdate;
	uint16_t cluster_lo;
	uint32_t size;
};
_Static_assert(sizeof(struct fat_dirent) == FAT_DIRENT_SIZE, "FAT directory entry");

/* A long-name entry: ordinal (1..20; 0x40 marks the last), 13 UTF-16
 * characters at three places, FAT_ATTR_LFN at 11, the short name's checksum. */
#define FAT_LFN_LAST     0x40u
#define FAT_LFN_ORD_MASK 0x3Fu
#define FAT_LFN_CHECKSUM 13u

struct fat_volume {
	struct fat_blockdev dev;
	fat_clock_fn clock;
	uint32_t fat_lba;               /* the first FAT copy used; device sectors */
	uint32_t fat_sectors;           /* of one copy */
	uint32_t fat_copies;            /* copies written: all, or 1 when not mirrored */
	uint32_t fat_stride;            /* sectors from one copy to the next */
	uint32_t data_lba;              /* cluster 2's first sector */
	uint32_t cluster_sectors, cluster_bytes, cluster_shift;
	uint32_t clusters;              /* data clusters: numbers 2..clusters+1 */
	uint32_t root;                  /* the root directory's first cluster */
	uint32_t serial;                /* BS_VolID (0 without the extended boot signature) */
	uint32_t fsinfo_lba;            /* 0: no usable FSInfo sector */
	uint32_t free_count, next_free; /* the truth, kept in memory */
	/* Chains freed whose release waits for the metadata write-back (see
	 * fat_free_chain): still linked in the FAT, not counted in free_count. */
#define FAT_FREED_MAX 256u
	struct fat_chain { uint32_t first, length; } freed[FAT_FREED_MAX];
	uint32_t freed_count, freed_clusters;
	uint32_t fsinfo_free, fsinfo_next;      /* what the FSInfo sector says */
	uint32_t fat_cached;            /* FAT-relative sector in fat_buf; ~0u: none */
	bool fat_dirty;
	uint8_t fat_buf[FAT_SECTOR_SIZE];
	uint32_t sector_lba;            /* the directory sector in sector; 0: none */
	uint8_t sector[FAT_SECTOR_SIZE];
	uint8_t io[FAT_SECTOR_SIZE];            /* partial data sectors */
	uint8_t *zero;                  /* cluster_bytes of zeros */
	uint32_t *tails;                /* numeric tails in use, while creating */
#define FAT_TAIL_MAX (FAT_DIR_MAX_ENTRIES + 1)  /* a directory cannot use them all */
	struct fat_file *open;          /* every FCB of the volume */
};

/* Where a short entry lives: its directory and index there, and its sector. */
struct fat_where {
	uint32_t dir;                   /* the directory's first cluster */
	uint32_t index;                 /* the short entry's index */
	uint32_t first;                 /* its first long-name entry's index */
	uint32_t lba;                   /* the short entry's sector */
};

/* The FCB: one per open file or directory, shared by its openers. */
struct fat_file {
	struct fat_volume *vol;
	struct fat_file *next;
	uint32_t refs;
	bool is_root;                   /* no entry: the root directory */
	struct fat_where where;
	struct fat_dirent de;           /* the entry as on disk, but for fat_touch's stamp */
	bool touched;                   /* fat_touch stamped de since it was written */
	uint32_t hint_index, hint_cluster;      /* a chain position: cluster index -> cluster */
};

/* A directory read sequentially, one sector at a time into vol->sector. */
struct fat_cursor {
	struct fat_volume *vol;
	uint32_t dir;                   /* first cluster */
	uint32_t cluster;               /* holding entry index (0: past the end) */
	uint32_t cluster_index;         /* cluster's position in the chain */
	uint32_t index;                 /* the next entry */
	uint32_t lba;                   /* the sector of the entry returned last */
	uint32_t last_cluster;          /* the chain's last cluster once reached */
};

/* One directory item: a short entry and its long name, if valid. */
struct fat_item {
	struct fat_dirent de;
	struct fat_where where;
	uint32_t long_len;              /* 0: none (or its checksum failed) */
	uint16_t long_name[FAT_LFN_MAX_ENTRIES * FAT_LFN_CHARS];
};

/* Free entry runs met while scanning, for placing an entry set of want. */
struct fat_slots {
	uint32_t want;
	uint32_t run, run_start;        /* the current run of free entries */
	bool found;
	uint32_t start;                 /* the run found */
	uint32_t mark;                  /* the first end mark (0x00) met; ~0u: none */
	uint32_t end;                   /* entries the directory's clusters hold */
	uint32_t last;                  /* its last cluster */
};

/* A validated path component: as given, and folded for comparisons. */
struct fat_name {
	uint32_t len;
	uint16_t uni[FAT_NAME_MAX];     /* Unicode, case kept */
	uint16_t fold[FAT_NAME_MAX];    /* Unicode, upper case */
};

/* The 8.3 form a long name starts from (the specification's basis name). */
struct fat_basis {
	uint8_t sfn[11];
	uint32_t base_len;              /* characters of the 8-character part */
	bool lossy;                     /* characters were replaced or dropped */
	bool fits;                      /* the name is an 8.3 name, case aside */
	bool exact;                     /* the name is its own 8.3 name: no LFN needed */
	bool taken;                     /* a directory scan found the basis in use */
};

/* --- mount.c --- */
uint32_t fat_fsinfo_sync(struct fat_volume *v);
uint32_t fat_op_end(struct fat_volume *v, uint32_t err);

/* --- table.c --- */
uint32_t fat_meta_read(struct fat_volume *v, uint32_t lba, void *buf);
uint32_t fat_meta_write(struct fat_volume *v, uint32_t lba, const void *buf);
bool fat_cluster_valid(const struct fat_volume *v, uint32_t c);
uint32_t fat_cluster_lba(const struct fat_volume *v, uint32_t c);
uint32_t fat_get(struct fat_volume *v, uint32_t c, uint32_t *value);
uint32_t fat_set(struct fat_volume *v, uint32_t c, uint32_t value);
uint32_t fat_table_flush(struct fat_volume *v);
uint32_t fat_next(struct fat_volume *v, uint32_t c, uint32_t *next);
uint32_t fat_chain_end(struct fat_volume *v, uint32_t first, uint32_t max, uint32_t *last,
		       uint32_t *length);
uint32_t fat_find_run(struct fat_volume *v, uint32_t near, uint32_t want, uint32_t *first,
		      uint32_t *count);
uint32_t fat_link_run(struct fat_volume *v, uint32_t prev, uint32_t first, uint32_t count);
uint32_t fat_free_chain(struct fat_volume *v, uint32_t first, uint32_t length);
uint32_t fat_reclaim(struct fat_volume *v, uint32_t need);
uint32_t fat_count_free(struct fat_volume *v);

/* --- name.c --- */
uint16_t fat_upcase(uint16_t c);
uint32_t fat_name_parse(const char *s, uint32_t len, struct fat_name *out);
bool fat_name_matches(const struct fat_name *n, const uint16_t *uni, uint32_t len);
void fat_name_basis(const struct fat_name *n, struct fat_basis *b);
bool fat_name_tail(const struct fat_basis *b, const uint8_t sfn[11], uint32_t *tail);
void fat_name_with_tail(const struct fat_basis *b, uint32_t tail, uint8_t sfn[11]);
uint8_t fat_name_checksum(const uint8_t sfn[11]);
uint32_t fat_name_short(const struct fat_dirent *de, uint16_t *uni);
void fat_name_to_oem(const uint16_t *uni, uint32_t len, char *out);

/* --- dirent.c --- */
uint32_t fat_dirent_cluster(const struct fat_dirent *de);
void fat_dirent_set_cluster(struct fat_dirent *de, uint32_t c);
uint32_t fat_cursor_open(struct fat_cursor *cur, struct fat_volume *v, uint32_t dir,
			 uint32_t index);
uint32_t fat_cursor_resume(struct fat_cursor *cur, struct fat_volume *v, uint32_t dir,
			   uint32_t index, uint32_t cluster, uint32_t cluster_index);
uint32_t fat_cursor_next(struct fat_cursor *cur, uint8_t **raw);
uint32_t fat_cursor_write(struct fat_cursor *cur);
uint32_t fat_dir_next(struct fat_cursor *cur, struct fat_item *item, struct fat_slots *slots);
uint32_t fat_dirent_write(struct fat_volume *v, const struct fat_where *w,
			  const struct fat_dirent *de);
uint32_t fat_dir_place(struct fat_volume *v, uint32_t dir, const struct fat_slots *slots,
		       uint32_t *start);
uint32_t fat_dir_write_set(struct fat_volume *v, uint32_t dir, uint32_t start,
			   const struct fat_name *n, const struct fat_dirent *de, bool with_lfn,
			   struct fat_where *w);
uint32_t fat_dir_erase(struct fat_volume *v, const struct fat_where *w);

/* --- time.c --- */
void fat_stamp(struct fat_volume *v, struct fat_dirent *de, bool create, bool write);
void fat_time_set(const struct fat_time *t, uint16_t *date, uint16_t *time, uint8_t *tenth);
void fat_info_fill(const struct fat_dirent *de, struct fat_info *info);

/* --- file.c --- */
uint32_t fat_entry_check(const struct fat_volume *v, const struct fat_dirent *de);
struct fat_file *fat_fcb_find(struct fat_volume *v, const struct fat_where *w);
uint32_t fat_fcb_get(struct fat_volume *v, const struct fat_item *item, struct fat_file **out);
uint32_t fat_fcb_root(struct fat_volume *v, struct fat_file **out);
uint32_t fat_data_zero(struct fat_volume *v, uint32_t first, uint32_t count);

/* --- path.c --- */
/* A path looked up: the last component, its directory and what it names. */
struct fat_lookup {
	bool create;                    /* in: also gather what an entry set needs */
	const struct fat_where *ignore; /* in: an entry to pass over (a move's source) */
	uint32_t watch;                 /* in: a directory to notice on the way */
	bool is_root, found, trailing;  /* trailing: the path ended in '\' */
	bool passed;                    /* watch was one of the directories */
	uint32_t dir;                   /* the last component's directory */
	struct fat_name name;           /* the last component */
	struct fat_item item;           /* what it names, when found */
	struct fat_basis basis;         /* create: its 8.3 basis ... */
	struct fat_slots slots;         /* ... and room for its entry set */
};
uint32_t fat_lookup(struct fat_volume *v, const char *path, struct fat_lookup *lk);
uint32_t fat_entry_prepare(struct fat_volume *v, struct fat_lookup *lk, struct fat_dirent *de,
			   uint32_t *start, bool *lfn);

/* --- move.c --- */
uint32_t fat_chain_of(struct fat_volume *v, const struct fat_dirent *de, uint32_t *len);

#endif
