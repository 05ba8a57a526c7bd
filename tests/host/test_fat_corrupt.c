/* Host tests of the FAT32 driver on bad volumes and bad moments: fuzzed boot
 * sectors (a one-line refusal or a working mount, never a crash), FAT chains
 * that loop, leave the volume or end early and entries pointing outside it
 * (ERROR_FILE_CORRUPT on those files only), random damage to the FAT and
 * directories (no crash, no hang, ASan clean), device errors passed up, and
 * power cuts at every point of a write-heavy workload (written through, and
 * behind a write-back metadata cache) leaving at worst lost clusters or a
 * wrong free count for fsck.fat -n. */
#include "tests/host/check.h"
#include "tests/host/isolate.h"
#include "tests/host/fat_image.h"
#include "kernel/io/fat/fatp.h"

static struct image im;
static uint8_t *base;                   /* the populated image, to start over from */
static uint32_t base_sectors;

/* A 36 MB image with a few files and directories, kept in base. */
static void make_base(void)
{
	static uint8_t data[6000];

	image_make(&im, "c.img", 36000, "-s 1");
	pattern_fill(data, sizeof(data), 1);
	host_write("data", data, sizeof(data));
	if (sh("mmd -i '%s' ::/dir ::/dir/sub && for f in a.bin 'Long Name.bin' dir/b.bin "
	       "dir/sub/c.bin; do mcopy -i '%s' '%s' \"::/$f\" || exit 1; done", im.path, im.path,
	       bench_file("data")))
		exit(2);
	image_load(&im);
	base = malloc((size_t)im.sectors * FAT_SECTOR_SIZE);
	memcpy(base, im.data, (size_t)im.sectors * FAT_SECTOR_SIZE);
	base_sectors = im.sectors;
}

/* im back to the base image, its fault settings cleared. */
static void reset(void)
{
	memcpy(im.data, base, (size_t)base_sectors * FAT_SECTOR_SIZE);
	im.writes = im.write_calls = im.cut_after = im.fail_write = 0;
}

/* A write-back metadata cache in front of im, as kernel/io/metacache.c's:
 * metadata sectors wait in shadow until meta_flush writes the dirty ones, in
 * sector order; a data write drops the cached copy of its sectors. A cut
 * loses what is still waiting. On for the cached power-cut test only. */
static struct { bool on; uint8_t *shadow, *dirty; } wb;

static uint32_t wb_write(void *ctx, uint32_t lba, uint32_t count, const void *buf)
{
	uint32_t err = image_write(ctx, lba, count, buf);

	for (uint32_t k = 0; !err && k < count; k++)
		wb.dirty[lba + k] = 0;
	return err;
}

static uint32_t wb_meta_read(void *ctx, uint32_t lba, void *buf)
{
	if (lba < im.sectors && wb.dirty[lba]) {
		memcpy(buf, wb.shadow + (size_t)lba * FAT_SECTOR_SIZE, FAT_SECTOR_SIZE);
		return ERROR_SUCCESS;
	}
	return image_read(ctx, lba, 1, buf);
}

static uint32_t wb_meta_write(void *ctx, uint32_t lba, const void *buf)
{
	(void)ctx;
	if (lba >= im.sectors)
		return ERROR_CRC;
	memcpy(wb.shadow + (size_t)lba * FAT_SECTOR_SIZE, buf, FAT_SECTOR_SIZE);
	wb.dirty[lba] = 1;
	return ERROR_SUCCESS;
}

static uint32_t wb_meta_flush(void *ctx)
{
	uint32_t err;

	for (uint32_t lba = 0; lba < im.sectors; lba++) {
		if (!wb.dirty[lba])
			continue;
		if ((err = image_write(ctx, lba, 1, wb.shadow + (size_t)lba * FAT_SECTOR_SIZE)))
			return err;
		wb.dirty[lba] = 0;
	}
	return ERROR_SUCCESS;
}

/* Mounts im, behind the cache when wb.on (its dirty sectors dropped). */
static struct fat_volume *mount(void)
{
	struct fat_blockdev dev = { image_read, wb_write, &im, im.sectors, wb_meta_read,
				    wb_meta_write, wb_meta_flush };
	struct fat_volume *v = NULL;

	if (!wb.on)
		return image_mount(&im);
	memset(wb.dirty, 0, im.sectors);
	return fat_mount(&dev, bench_clock, &v, NULL) ? NULL : v;
}

/* What kernel/io's lazy writer does behind the cache: the metadata written,
 * then the clusters freed meanwhile released, and that written too. */
static void settle(struct fat_volume *v)
{
	if (!wb.on)
		return;
	fat_flush(v);
	wb_meta_flush(&im);
	if (fat_has_freed(v)) {
		fat_release_freed(v);
		fat_flush(v);
		wb_meta_flush(&im);
	}
}

/* Settles v, unmounts it and writes what the unmount left in the cache. */
static uint32_t unmount(struct fat_volume *v)
{
	uint32_t err;

	settle(v);
	err = fat_unmount(v);
	if (wb.on && !err)
		err = wb_meta_flush(&im);
	return err;
}

/* Reads every file under dir (recursively, to depth levels) and lists every
 * directory; errors are fine, crashes and hangs are not. */
static void walk(struct fat_volume *v, const char *dir, int depth)
{
	static uint8_t buf[8192];
	struct fat_find find;
	struct fat_info info;
	struct fat_file *f;
	char path[600];
	uint32_t done;

	if (depth == 0 || fat_find_first(v, dir, "*", &find))
		return;
	while (!fat_find_next(&find, &info)) {
		if (!strcmp(info.name, ".") || !strcmp(info.name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s\\%s", dir, info.name);
		if (info.attributes & FAT_ATTR_DIRECTORY) {
			walk(v, path, depth - 1);
		} else if (!fat_open(v, path, &f)) {
			for (uint32_t off = 0; off < 1 << 20 && !fat_read(f, off, buf, sizeof(buf), &done) &&
			     done; off += done)
				;
			fat_close(f);
		}
	}
}

/* Changes the volume as a program would; errors are fine. */
static void scribble(struct fat_volume *v)
{
	static uint8_t data[3000];
	struct fat_file *f;
	uint32_t done;

	if (!fat_create(v, "dir\\new file.txt", 0, &f)) {
		fat_write(f, 100, data, sizeof(data), &done);
		fat_set_size(f, 700);
		fat_close(f);
	}
	fat_mkdir(v, "dir\\sub\\made");
	fat_rename(v, "a.bin", "dir\\sub\\made\\a moved.bin", false);
	fat_rename(v, "Long Name.bin", "dir\\b.bin", true);
	fat_delete(v, "dir\\sub\\c.bin");
	fat_rmdir(v, "dir\\sub\\made");
}

/* Sets cluster c's entry in both FATs of the image (v gives the layout) and
 * drops v's cached FAT sector. */
static void poke_fat(struct fat_volume *v, uint32_t c, uint32_t value)
{
	for (uint32_t k = 0; k < 2; k++) {
		uint8_t *p = im.data + ((size_t)v->fat_lba + k * v->fat_stride) * FAT_SECTOR_SIZE + c * 4;
		memcpy(p, &value, 4);
	}
	v->fat_cached = ~0u;
}

/* The first cluster of path, through the driver. */
static uint32_t first_cluster(struct fat_volume *v, const char *path)
{
	struct fat_file *f;
	uint32_t c = 0;

	if (!fat_open(v, path, &f)) {
		c = fat_dirent_cluster(&f->de);
		fat_close(f);
	}
	return c;
}

/* What open and delete say about path. */
static void expect_corrupt(struct fat_volume *v, const char *path)
{
	struct fat_file *f;

	CHECK_EQ_U(fat_open(v, path, &f), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_delete(v, path), ERROR_FILE_CORRUPT);
}

TEST(bad_chains_make_their_file_corrupt)
{
	struct fat_volume *v;
	uint32_t c;
	uint8_t *got;
	uint32_t n, err;

	reset();
	v = image_mount(&im);
	c = first_cluster(v, "a.bin");          /* 6000 bytes: 12 clusters */
	CHECK(c != 0);
	poke_fat(v, c + 11, c);                 /* the last loops to the first */
	expect_corrupt(v, "a.bin");
	poke_fat(v, c + 11, FAT_EOC);
	poke_fat(v, c + 5, 0x0FFFFFF0);         /* leaves the volume */
	expect_corrupt(v, "a.bin");
	poke_fat(v, c + 5, 0);                  /* a free cluster in the chain */
	expect_corrupt(v, "a.bin");
	poke_fat(v, c + 5, FAT_EOC);            /* ends early */
	expect_corrupt(v, "a.bin");
	poke_fat(v, c + 5, 1);
	expect_corrupt(v, "a.bin");
	poke_fat(v, c + 5, c + 6);
	got = fat_slurp(v, "a.bin", &n, &err); /* whole again */
	CHECK_EQ_U(err, 0);
	CHECK_EQ_U(n, 6000);
	free(got);
	got = fat_slurp(v, "dir\\b.bin", &n, &err);    /* the others never noticed */
	CHECK_EQ_U(err, 0);
	free(got);
	CHECK_EQ_U(fat_unmount(v), 0);
}

/* The image's copy of the short entry of path (v's cache dropped after). */
static struct fat_dirent *entry_in_image(struct fat_volume *v, const char *path)
{
	struct fat_lookup lk = { 0 };

	if (fat_lookup(v, path, &lk) || !lk.found)
		return NULL;
	v->sector_lba = 0;
	return (struct fat_dirent *)(im.data + (size_t)lk.item.where.lba * FAT_SECTOR_SIZE +
				     lk.item.where.index % FAT_DIRENTS_PER_SECTOR * FAT_DIRENT_SIZE);
}

TEST(bad_entries_make_their_file_corrupt)
{
	struct fat_volume *v;
	struct fat_dirent *de;
	struct fat_info info;
	struct fat_file *f;

	reset();
	v = image_mount(&im);
	de = entry_in_image(v, "a.bin");
	de->cluster_hi = 0x0FFF;                /* past the end */
	expect_corrupt(v, "a.bin");
	de = entry_in_image(v, "Long Name.bin");
	de->size = 0xFFFFFF00u;                 /* more than the volume holds */
	expect_corrupt(v, "Long Name.bin");
	de->size = 0;                           /* no size, yet a cluster */
	expect_corrupt(v, "Long Name.bin");
	de = entry_in_image(v, "dir");
	de->cluster_lo = de->cluster_hi = 0;    /* a directory without a cluster */
	CHECK_EQ_U(fat_stat(v, "dir\\b.bin", &info), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_put(v, "dir\\new", "", 0), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_rmdir(v, "dir"), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_open(v, "dir", &f), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_unmount(v), 0);
}

TEST(a_looping_directory_ends)
{
	struct fat_volume *v;
	struct fat_find find;
	struct fat_info info;
	uint32_t c, err, n = 0;
	char path[64];

	reset();
	v = image_mount(&im);
	for (int i = 0; i < 40; i++) {          /* 80 entries: 5 clusters */
		snprintf(path, sizeof(path), "dir\\sub\\file %d", i);
		CHECK_EQ_U(fat_put(v, path, "", 0), 0);
	}
	c = first_cluster(v, "dir\\sub");
	poke_fat(v, c, c);                      /* the directory loops on itself */
	CHECK_EQ_U(fat_find_first(v, "dir\\sub", "*", &find), 0);
	while (!(err = fat_find_next(&find, &info)))
		n++;
	CHECK_EQ_U(err, ERROR_FILE_CORRUPT);
	CHECK(n < FAT_DIR_MAX_ENTRIES);          /* bounded by the specification's limit */
	CHECK_EQ_U(fat_stat(v, "dir\\sub\\missing", &info), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_put(v, "dir\\sub\\new", "", 0), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_rmdir(v, "dir\\sub"), ERROR_FILE_CORRUPT);
	CHECK_EQ_U(fat_unmount(v), 0);
}

/* Mounts the image with boot-sector byte at offset set to value: the error. */
static uint32_t mount_with(uint32_t offset, uint8_t value, const char **why)
{
	struct fat_blockdev dev;
	struct fat_volume *v;
	uint32_t err;

	reset();
	im.data[offset] = value;
	dev = image_dev(&im);
	*why = NULL;
	err = fat_mount(&dev, bench_clock, &v, why);
	if (!err)
		fat_unmount(v);
	return err;
}

TEST(bad_boot_sectors_are_refused_with_a_reason)
{
	static const struct { uint32_t offset; uint8_t value; uint32_t err; const char *why; } cases[] = {
		{ 510, 0x00, ERROR_UNRECOGNIZED_VOLUME, "signature" },
		{ 0, 0x00, ERROR_UNRECOGNIZED_VOLUME, "jump" },
		{ 12, 0x00, ERROR_UNRECOGNIZED_VOLUME, "bytes per sector" },      /* 0x0000 */
		{ 11, 0x01, ERROR_UNRECOGNIZED_VOLUME, "bytes per sector" },      /* 0x0201 */
		{ 13, 3, ERROR_UNRECOGNIZED_VOLUME, "sectors per cluster" },
		{ 13, 0, ERROR_UNRECOGNIZED_VOLUME, "sectors per cluster" },
		{ 14, 0, ERROR_UNRECOGNIZED_VOLUME, "reserved" },                  /* 32 -> 0 */
		{ 16, 3, ERROR_UNRECOGNIZED_VOLUME, "number of FATs" },
		{ 17, 1, ERROR_UNRECOGNIZED_VOLUME, "FAT12/FAT16" },
		{ 21, 0x12, ERROR_UNRECOGNIZED_VOLUME, "media" },
		{ 42, 1, ERROR_UNRECOGNIZED_VOLUME, "version" },
		{ 13, 8, ERROR_UNRECOGNIZED_VOLUME, "cluster count" },
		{ 34, 0x10, ERROR_DISK_CORRUPT, "larger than its device" },
		{ 36, 0, ERROR_DISK_CORRUPT, "too small" },
		{ 44, 0, ERROR_DISK_CORRUPT, "root directory" },
		{ 47, 0x20, ERROR_DISK_CORRUPT, "root directory" },
		{ 40, 0x83, ERROR_DISK_CORRUPT, "active FAT" },
	};
	const char *why;

	for (uint32_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t err = mount_with(cases[i].offset, cases[i].value, &why);
		if (err != cases[i].err || !why || !strstr(why, cases[i].why) || strchr(why, '\n')) {
			snprintf(check_failure_buf, sizeof(check_failure_buf),
				 "byte %u = 0x%x: error %u, \"%s\"", cases[i].offset, cases[i].value,
				 err, why ? why : "(none)");
			check_failure = check_failure_buf;
		}
	}
	CHECK_EQ_U(mount_with(40, 0x81, &why), 0);      /* FAT 1 alone is fine */
}

ISOLATED_TEST(fuzzed_boot_sectors_never_crash)
{
	const char *why;
	struct fat_volume *v;
	struct fat_blockdev dev;
	uint32_t mounted = 0;

	alarm(100);
	srand(42);
	for (int round = 0; round < 400; round++) {
		reset();
		for (int k = 1 + rand() % 4; k > 0; k--)
			im.data[rand() % 64] = (uint8_t)rand();
		dev = image_dev(&im);
		why = NULL;
		if (fat_mount(&dev, bench_clock, &v, &why)) {
			CHECK(why && *why && !strchr(why, '\n'));
			continue;
		}
		mounted++;
		walk(v, "", 3);
		scribble(v);
		CHECK_EQ_U(fat_unmount(v), 0);
	}
	CHECK(mounted > 20);                    /* bytes mount never checks, e.g. the label */
}

ISOLATED_TEST(damaged_metadata_never_crashes_or_hangs)
{
	struct fat_volume *v = NULL;
	uint32_t fat_lba, root_lba;

	alarm(100);
	reset();
	v = image_mount(&im);
	fat_lba = v->fat_lba;
	root_lba = fat_cluster_lba(v, v->root);
	fat_unmount(v);
	srand(7);
	for (int round = 0; round < 150; round++) {
		reset();
		for (int k = 0; k < 1 + rand() % 24; k++) {
			uint32_t at = rand() % 2 ? fat_lba * FAT_SECTOR_SIZE + rand() % 256
						 : root_lba * FAT_SECTOR_SIZE + rand() % 2048;
			im.data[at] = (uint8_t)(rand() % 3 ? rand() : rand() % 2 ? 0xFF : 0);
		}
		if (!(v = image_mount(&im)))
			continue;
		walk(v, "", 4);
		scribble(v);
		walk(v, "", 4);
		CHECK_EQ_U(fat_unmount(v), 0);
	}
}

/* The files the power-cut workload completes and never touches again: once
 * the writes that made one have landed, a cut must leave it whole. */
static const struct kept { const char *path; uint32_t size, seed; } kept[] = {
	{ "keep.txt", 5000, 5 },
	{ "work\\kept with a long name.bin", 7000, 6 },
};
#define KEPT (sizeof(kept) / sizeof(kept[0]))

/* Writes kept[k] and records in keep_at[k] the writes done once it is whole. */
static void put_kept(struct fat_volume *v, uint32_t k, uint32_t *keep_at)
{
	static uint8_t data[8000];

	pattern_fill(data, kept[k].size, kept[k].seed);
	fat_put(v, kept[k].path, data, kept[k].size);
	settle(v);
	keep_at[k] = im.writes;
}

/* Runs the power-cut workload: every kind of change, each completed before
 * the next starts. keep_at: see put_kept. */
static void workload(struct fat_volume *v, uint32_t *keep_at)
{
	static uint8_t data[9000];
	struct fat_file *f;
	uint32_t done;

	pattern_fill(data, sizeof(data), 5);
	put_kept(v, 0, keep_at);
	fat_mkdir(v, "work");
	fat_put(v, "work\\A file with a long name.bin", data, 9000);
	if (!fat_open(v, "work\\A file with a long name.bin", &f)) {
		fat_write(f, 8000, data, 3000, &done);          /* extends */
		fat_set_size(f, 1200);                          /* cuts back */
		fat_write(f, 4000, data, 100, &done);           /* a zero-filled gap */
		fat_close(f);
	}
	fat_put(v, "b.bin", data, 2000);
	fat_rename(v, "b.bin", "work\\b moved.bin", false);
	fat_put(v, "c.bin", data, 700);
	fat_rename(v, "c.bin", "work\\b moved.bin", true);
	put_kept(v, 1, keep_at);
	fat_mkdir(v, "work\\sub");
	fat_rename(v, "work\\sub", "sub moved", false);
	fat_delete(v, "a.bin");
	settle(v);
	fat_delete(v, "work\\A file with a long name.bin");
	fat_put(v, "d.bin", data, 9000);        /* behind the cache: never where the file just deleted was */
	fat_rmdir(v, "sub moved");
}

/* Whether fsck.fat's report on im, saved, lists only what a cut may leave:
 * lost clusters, a wrong free count, a chain longer than its file, or the
 * second FAT behind the first (written one after the other; fsck, like the
 * driver, reads the first). */
static bool fsck_allows_cut(void)
{
	char line[512], *log, *p;
	unsigned long size, chain;
	bool ok = true;
	FILE *f;

	image_save(&im);
	sh("fsck.fat -n '%s' > '%s.cut' 2>&1", im.path, im.path);
	log = strcat(strcpy(line, im.path), ".cut");
	if (!(f = fopen(log, "r")))
		return false;
	while (fgets(line, sizeof(line), f)) {
		if ((p = strstr(line, "File size is ")) && sscanf(p, "File size is %lu", &size) == 1 &&
		    (p = strstr(p, "cluster chain length is "))) {
			p += strlen("cluster chain length is ");
			ok &= *p == '>' || (sscanf(p, "%lu", &chain) == 1 && chain > size);
			continue;
		}
		if (!strncmp(line, "fsck.fat ", 9) || strstr(line, "Reclaimed ") ||
		    strstr(line, "Free cluster summary wrong") || strstr(line, "Auto-correcting") ||
		    strstr(line, "Truncating file to") || strstr(line, "Leaving filesystem unchanged") ||
		    strstr(line, " files, ") || strstr(line, "FATs differ but appear to be intact") ||
		    strstr(line, "Using first FAT") || !strcmp(line, "\n") || line[0] == '/')
			continue;
		fprintf(stderr, "fsck after a cut: %s", line);
		ok = false;
	}
	fclose(f);
	return ok;
}

/* Whether every kept file whose writes all landed before the cut (keep_at,
 * im.cut_after) reads back whole through a fresh mount. */
static bool kept_files_whole(const uint32_t *keep_at)
{
	static uint8_t want[8000];
	struct fat_volume *v;
	uint32_t n, err, cut = im.cut_after;
	bool ok = true;
	uint8_t *got;

	im.cut_after = 0;
	if (!(v = image_mount(&im)))
		return false;
	for (uint32_t k = 0; k < KEPT; k++) {
		if (cut < keep_at[k])
			continue;
		pattern_fill(want, kept[k].size, kept[k].seed);
		got = fat_slurp(v, kept[k].path, &n, &err);
		ok &= !err && n == kept[k].size && memcmp(got, want, n) == 0;
		free(got);
	}
	fat_unmount(v);
	return ok;
}

/* The workload uncut, then cut after every stride-th write it makes
 * (behind the metadata cache when wb.on). */
static void power_cuts(uint32_t stride)
{
	struct fat_volume *v;
	uint32_t total, keep_at[KEPT], ignored[KEPT];

	reset();
	v = mount();
	workload(v, keep_at);
	CHECK_EQ_U(unmount(v), 0);
	total = im.writes;
	CHECK_EQ_U(image_fsck(&im), 0);         /* uncut, it is clean */
	CHECK(keep_at[0] < keep_at[1] && keep_at[1] < total);
	for (uint32_t cut = 1; cut < total; cut += stride) {
		reset();
		im.cut_after = cut;
		v = mount();
		workload(v, ignored);
		unmount(v);
		if (!fsck_allows_cut() || !kept_files_whole(keep_at)) {
			snprintf(check_failure_buf, sizeof(check_failure_buf),
				 "cut after write %u of %u%s: fsck found more than lost clusters, "
				 "or a completed file is not whole", cut, total,
				 wb.on ? " (behind a metadata cache)" : "");
			check_failure = check_failure_buf;
			break;
		}
	}
}

TEST(power_cuts_leave_at_worst_lost_clusters)
{
	power_cuts(1);                  /* every moment */
}

/* The same behind a write-back metadata cache: freed clusters wait for
 * the erased entry to be written (fat_release_freed) instead of a write per
 * delete, and are never reused before. Every third moment: the suite's
 * time (fsck.fat runs once per cut). */
TEST(power_cuts_behind_a_metadata_cache_leave_at_worst_lost_clusters)
{
	wb.on = true;
	wb.shadow = malloc((size_t)base_sectors * FAT_SECTOR_SIZE);
	wb.dirty = calloc(base_sectors, 1);
	power_cuts(3);
	wb.on = false;
	free(wb.shadow);
	free(wb.dirty);
}

TEST(device_errors_reach_the_caller)
{
	struct fat_volume *v;
	uint32_t keep_at[KEPT], total;

	reset();
	v = image_mount(&im);
	workload(v, keep_at);
	total = im.write_calls;
	fat_unmount(v);
	for (uint32_t k = 1; k <= total; k += 1 + total / 40) {
		reset();
		im.fail_write = k;
		v = image_mount(&im);
		CHECK(v != NULL);
		if (!v)
			break;
		workload(v, keep_at);
		walk(v, "", 4);
		fat_unmount(v);
	}
	reset();
	v = image_mount(&im);
	im.fail_write = 1;
	CHECK_EQ_U(fat_put(v, "x.txt", "x", 1), ERROR_IO_DEVICE);
	CHECK_EQ_U(fat_unmount(v), 0);
}

int main(void)
{
	bench_start();
	make_base();
	RUN("fat_corrupt", bad_chains_make_their_file_corrupt);
	RUN("fat_corrupt", bad_entries_make_their_file_corrupt);
	RUN("fat_corrupt", a_looping_directory_ends);
	RUN("fat_corrupt", bad_boot_sectors_are_refused_with_a_reason);
	RUN("fat_corrupt", fuzzed_boot_sectors_never_crash);
	RUN("fat_corrupt", damaged_metadata_never_crashes_or_hangs);
	RUN("fat_corrupt", power_cuts_leave_at_worst_lost_clusters);
	RUN("fat_corrupt", power_cuts_behind_a_metadata_cache_leave_at_worst_lost_clusters);
	RUN("fat_corrupt", device_errors_reach_the_caller);
	free(base);
	image_free(&im);
	bench_end();
	return check_summary();
}
