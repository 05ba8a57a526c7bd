/* Host tests of the FAT32 driver (kernel/io/fat) on images Debian's mkfs.fat
 * makes: interoperability both ways with mtools, fsck.fat -n clean after every
 * writing test, 8.3 and long names, lookups, reads and writes at offsets,
 * contiguity, attributes, times and enumeration. */
#include "tests/host/check.h"
#include "tests/host/fat_image.h"
#include "kernel/io/fat/fatp.h"

static struct image im;

/* Copies the image's file ::path out with mcopy; its bytes (NULL: failed). */
static uint8_t *mtools_get(const char *path, size_t *n)
{
	image_save(&im);
	if (sh("mcopy -n -o -i '%s' '::%s' '%s' 2>/dev/null", im.path, path, bench_file("out")))
		return NULL;
	return host_read("out", n);
}

TEST(mount_counts_what_mkfs_made)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	uint32_t cluster, free_clusters, total;

	CHECK(v != NULL);
	if (!v)
		return;
	fat_space(v, &cluster, &free_clusters, &total);
	CHECK_EQ_U(cluster, 512);
	CHECK(total >= 65525);
	CHECK_EQ_U(free_clusters, total - 1);           /* the root's cluster */
	CHECK_EQ_U(free_clusters, im.data[512 + 488] | im.data[512 + 489] << 8 |
		   im.data[512 + 490] << 16 | (uint32_t)im.data[512 + 491] << 24);
	image_finish(&im, v);
}

TEST(reads_what_mcopy_wrote)
{
	static const uint32_t sizes[] = { 0, 1, 511, 512, 513, 4095, 4096, 4097, 100000, 1 << 20 };
	char name[64], path[96];
	uint8_t *want = malloc(1 << 20), *got;
	uint32_t n, err;
	struct fat_volume *v;

	image_make(&im, "t.img", 36000, "-s 1");
	CHECK_EQ_U(sh("mmd -i '%s' '::/Sub Dir'", im.path), 0);
	for (uint32_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		pattern_fill(want, sizes[i], i);
		snprintf(name, sizeof(name), "host %u.bin", i);
		host_write(name, want, sizes[i]);
		CHECK_EQ_U(sh("mcopy -i '%s' '%s' '::/Sub Dir/File number %u.bin'", im.path,
			      bench_file(name), i), 0);
	}
	image_load(&im);
	v = image_mount(&im);
	CHECK(v != NULL);
	for (uint32_t i = 0; v && i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		pattern_fill(want, sizes[i], i);
		snprintf(path, sizeof(path), "\\sub dir\\FILE NUMBER %u.BIN", i);
		got = fat_slurp(v, path, &n, &err);
		CHECK_EQ_U(err, ERROR_SUCCESS);
		CHECK_EQ_U(n, sizes[i]);
		CHECK(got && memcmp(got, want, sizes[i]) == 0);
		free(got);
	}
	if (v)
		image_finish(&im, v);
	free(want);
}

TEST(mtools_reads_what_the_driver_wrote)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	uint8_t *want = malloc(300000), *got;
	size_t n;

	CHECK_EQ_U(fat_mkdir(v, "Docs"), ERROR_SUCCESS);
	CHECK_EQ_U(fat_mkdir(v, "Docs\\Deep Name"), ERROR_SUCCESS);
	pattern_fill(want, 300000, 7);
	CHECK_EQ_U(fat_put(v, "Docs\\Deep Name\\Report for 2024.txt", want, 300000), 0);
	CHECK_EQ_U(fat_put(v, "SHORT.TXT", want, 5), 0);
	CHECK_EQ_U(fat_put(v, "empty", want, 0), 0);
	image_finish(&im, v);
	got = mtools_get("/Docs/Deep Name/Report for 2024.txt", &n);
	CHECK(got && n == 300000 && memcmp(got, want, n) == 0);
	free(got);
	got = mtools_get("/short.txt", &n);
	CHECK(got && n == 5 && memcmp(got, want, 5) == 0);
	free(got);
	got = mtools_get("/EMPTY", &n);
	CHECK(got && n == 0);
	free(got);
	CHECK_EQ_U(sh("mdir -i '%s' '::/Docs/Deep Name' | grep -q 'REPORT~1 TXT.*Report for 2024.txt'",
		      im.path), 0);
	free(want);
}

/* The short name fat_stat gives path. */
static const char *short_of(struct fat_volume *v, const char *path)
{
	static struct fat_info info;

	return fat_stat(v, path, &info) ? "(error)" : info.short_name;
}

TEST(short_names_follow_the_specification)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	char name[64];

	CHECK_EQ_U(fat_put(v, "Long File Name.txt", "1", 1), 0);
	CHECK_EQ_U(fat_put(v, "Long File Name 2.txt", "2", 1), 0);
	CHECK_EQ_U(fat_put(v, "readme.txt", "r", 1), 0);
	CHECK_EQ_U(fat_put(v, "README2.TXT", "R", 1), 0);
	CHECK_EQ_U(fat_put(v, ".profile", "p", 1), 0);
	CHECK_EQ_U(fat_put(v, "a.b.c", "a", 1), 0);
	CHECK_EQ_U(fat_put(v, "name with+plus;.text", "n", 1), 0);
	CHECK_EQ_U(fat_put(v, "\x8e\x99\x9a.txt", "u", 1), 0);     /* ÄÖÜ in CP437 */
	CHECK_STR(short_of(v, "Long File Name.txt"), "LONGFI~1.TXT");
	CHECK_STR(short_of(v, "Long File Name 2.txt"), "LONGFI~2.TXT");
	CHECK_STR(short_of(v, "readme.txt"), "README.TXT");
	CHECK_STR(short_of(v, "README2.TXT"), "README2.TXT");
	CHECK_STR(short_of(v, ".profile"), "PROFIL~1");
	CHECK_STR(short_of(v, "a.b.c"), "A~1.C");
	CHECK_STR(short_of(v, "name with+plus;.text"), "NAMEWI~1.TEX");
	CHECK_STR(short_of(v, "\x84\x94\x81.TXT"), "\x8e\x99\x9a.TXT");
	for (int i = 3; i <= 12; i++) {
		snprintf(name, sizeof(name), "Long File Name %d.txt", i);
		CHECK_EQ_U(fat_put(v, name, "x", 1), 0);
	}
	CHECK_STR(short_of(v, "Long File Name 9.txt"), "LONGFI~9.TXT");
	CHECK_STR(short_of(v, "Long File Name 10.txt"), "LONGF~10.TXT");
	CHECK_STR(short_of(v, "longfi~1.txt"), "LONGFI~1.TXT");    /* found by its short name */
	image_finish(&im, v);
	CHECK_EQ_U(sh("mtype -i '%s' ::/LONGF~10.TXT | grep -qx x", im.path), 0);
	CHECK_EQ_U(sh("mtype -i '%s' ::/PROFIL~1 | grep -qx p", im.path), 0);
}

TEST(long_names_of_255_characters)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	char name[300], upper[310];
	uint8_t *got;
	size_t n;

	for (int i = 0; i < 255; i++)
		name[i] = "abcdefghijklmnopqrstuvwxyz0123456789 "[i % 37];
	name[255] = '\0';
	for (int i = 0; i < 256; i++)
		upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	CHECK_EQ_U(fat_put(v, name, "long", 4), 0);
	CHECK_EQ_U(fat_put(v, upper, "long", 4), ERROR_FILE_EXISTS);
	CHECK_STR(short_of(v, upper), "ABCDEF~1");
	strcpy(upper + 255, "x");
	CHECK_EQ_U(fat_put(v, upper, "x", 1), ERROR_FILENAME_EXCED_RANGE);
	CHECK_EQ_U(fat_mkdir(v, "d"), 0);
	name[250] = '\0';                       /* a 195+ name straddles sectors */
	for (int i = 0; i < 20; i++) {
		name[0] = (char)('A' + i);
		snprintf(upper, sizeof(upper), "d\\%s", name);
		CHECK_EQ_U(fat_put(v, upper, name, 250), 0);
	}
	image_finish(&im, v);
	name[250] = 'f';
	for (int i = 0; i < 255; i++)
		name[i] = "abcdefghijklmnopqrstuvwxyz0123456789 "[i % 37];
	got = mtools_get(strcat(strcpy(upper, "/"), name), &n);
	CHECK(got && n == 4 && memcmp(got, "long", 4) == 0);
	free(got);
}

TEST(bad_names_and_paths_get_win32_errors)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	const char *bad = "<>:\"|?*\x01\x1f";
	char name[16];
	struct fat_info info;
	struct fat_file *f;

	for (const char *c = bad; *c; c++) {
		snprintf(name, sizeof(name), "a%cb", *c);
		CHECK_EQ_U(fat_put(v, name, "", 0), ERROR_INVALID_NAME);
	}
	CHECK_EQ_U(fat_put(v, "a/b", "", 0), ERROR_INVALID_NAME);
	CHECK_EQ_U(fat_put(v, "a\\\\b", "", 0), ERROR_INVALID_NAME);
	CHECK_EQ_U(fat_put(v, "..", "", 0), ERROR_INVALID_NAME);
	CHECK_EQ_U(fat_put(v, "missing\\file", "", 0), ERROR_PATH_NOT_FOUND);
	CHECK_EQ_U(fat_open(v, "nothing", &f), ERROR_FILE_NOT_FOUND);
	CHECK_EQ_U(fat_put(v, "trail. . ", "t", 1), 0);   /* stored as "trail" */
	CHECK_EQ_U(fat_stat(v, "TRAIL", &info), 0);
	CHECK_STR(info.name, "trail");
	CHECK_EQ_U(fat_stat(v, "trail\\x", &info), ERROR_PATH_NOT_FOUND);
	CHECK_EQ_U(fat_stat(v, "trail\\", &info), ERROR_INVALID_NAME);
	CHECK_EQ_U(fat_mkdir(v, "dir\\"), 0);
	CHECK_EQ_U(fat_stat(v, "\\DIR\\", &info), 0);
	CHECK_EQ_U(info.attributes, FAT_ATTR_DIRECTORY);
	CHECK_EQ_U(fat_mkdir(v, "dir"), ERROR_ALREADY_EXISTS);
	CHECK_EQ_U(fat_put(v, "dir", "", 0), ERROR_FILE_EXISTS);
	CHECK_EQ_U(fat_stat(v, "", &info), 0);
	CHECK_EQ_U(info.attributes, FAT_ATTR_DIRECTORY);
	image_finish(&im, v);
}

TEST(lookup_ignores_case_and_keeps_it)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	struct fat_info info;
	struct fat_find find;

	CHECK_EQ_U(fat_put(v, "MixedCase.Txt", "m", 1), 0);
	CHECK_EQ_U(fat_put(v, "\x84" "bc", "a", 1), 0);         /* äbc */
	CHECK_EQ_U(fat_stat(v, "mixedcase.TXT", &info), 0);
	CHECK_STR(info.name, "MixedCase.Txt");
	CHECK_EQ_U(fat_stat(v, "\x8e" "BC", &info), 0);          /* ÄBC */
	CHECK_STR(info.name, "\x84" "bc");
	CHECK_EQ_U(fat_put(v, "MIXEDCASE.TXT", "", 0), ERROR_FILE_EXISTS);
	CHECK_EQ_U(fat_find_first(v, "", "mixed*", &find), 0);
	CHECK_EQ_U(fat_find_next(&find, &info), 0);
	CHECK_STR(info.name, "MixedCase.Txt");
	CHECK_EQ_U(fat_find_next(&find, &info), ERROR_NO_MORE_FILES);
	image_finish(&im, v);
	CHECK_EQ_U(sh("mdir -i '%s' ::/ | grep -q ' MixedCase.Txt'", im.path), 0);
}

/* Checks f's whole content against model[0..size). */
static void check_content(struct fat_file *f, const uint8_t *model, uint32_t size)
{
	static uint8_t buf[200000];
	struct fat_info info;
	uint32_t done;

	fat_query(f, &info);
	CHECK_EQ_U(info.size, size);
	CHECK_EQ_U(fat_read(f, 0, buf, sizeof(buf), &done), 0);
	CHECK_EQ_U(done, size);
	CHECK(memcmp(buf, model, size) == 0);
}

TEST(writes_at_offsets_extend_and_zero_fill)
{
	static uint8_t model[200000], data[20000];
	struct fat_volume *v = image_fresh(&im, "t.img");
	struct fat_file *f;
	uint32_t size = 0, done;
	uint8_t *got;
	size_t n;

	CHECK_EQ_U(fat_create(v, "model.bin", 0, &f), 0);
	srand(11);
	for (int step = 0; step < 300; step++) {
		uint32_t off = (uint32_t)rand() % 150000, len = (uint32_t)rand() % 20000;
		if (step % 25 == 24) {
			uint32_t to = (uint32_t)rand() % 160000;
			CHECK_EQ_U(fat_set_size(f, to), 0);
			if (to > size)
				memset(model + size, 0, to - size);
			size = to;
		} else {
			pattern_fill(data, len, (uint32_t)step);
			CHECK_EQ_U(fat_write(f, off, data, len, &done), 0);
			CHECK_EQ_U(done, len);
			if (off > size)
				memset(model + size, 0, off - size);
			memcpy(model + off, data, len);
			if (off + len > size)
				size = off + len;
		}
		if (step % 20 == 0)
			check_content(f, model, size);
	}
	check_content(f, model, size);
	CHECK_EQ_U(fat_read(f, size, data, 10, &done), 0);
	CHECK_EQ_U(done, 0);
	fat_close(f);
	image_finish(&im, v);
	got = mtools_get("/model.bin", &n);
	CHECK(got && n == size && memcmp(got, model, size) == 0);
	free(got);
}

/* Whether path's chain is one run of consecutive clusters. */
static bool contiguous(struct fat_volume *v, const char *path)
{
	struct fat_file *f;
	uint32_t c, next, n = 0;

	if (fat_open(v, path, &f))
		return false;
	for (c = fat_dirent_cluster(&f->de); c && !fat_next(v, c, &next); c = next, n++)
		if (next && next != c + 1)
			break;
	fat_close(f);
	return c == 0 && n > 1;
}

TEST(files_stay_contiguous)
{
	static uint8_t data[100000];
	struct fat_volume *v = image_fresh(&im, "t.img");
	struct fat_file *a, *b;
	uint32_t done, n, err;
	uint8_t *got;

	pattern_fill(data, sizeof(data), 9);
	CHECK_EQ_U(fat_put(v, "whole.bin", data, sizeof(data)), 0);
	CHECK(contiguous(v, "whole.bin"));
	CHECK_EQ_U(fat_create(v, "a.bin", 0, &a), 0);
	CHECK_EQ_U(fat_create(v, "b.bin", 0, &b), 0);
	for (uint32_t off = 0; off < 50000; off += 700) {       /* interleaved appends */
		CHECK_EQ_U(fat_write(a, off, data, 700, &done), 0);
		CHECK_EQ_U(fat_write(b, off, data, 700, &done), 0);
	}
	fat_close(a);
	fat_close(b);
	CHECK(!contiguous(v, "a.bin"));         /* interleaving cannot keep both whole */
	got = fat_slurp(v, "b.bin", &n, &err);  /* read back across its fragments */
	CHECK(!err && n == 50400);
	for (uint32_t off = 0; got && off < n; off += 700)
		CHECK(memcmp(got + off, data, 700) == 0);
	free(got);
	CHECK_EQ_U(fat_delete(v, "a.bin"), 0);
	CHECK_EQ_U(fat_create(v, "c.bin", 0, &a), 0);
	for (uint32_t off = 0; off < 30000; off += 512)
		CHECK_EQ_U(fat_write(a, off, data, 512, &done), 0);
	fat_close(a);
	CHECK(contiguous(v, "c.bin"));
	image_finish(&im, v);
}

TEST(attributes_and_times)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	struct fat_time t = { 2001, 2, 3, 4, 5, 6, 70 };
	struct fat_info info;
	struct fat_file *f;
	uint32_t done;
	char buf[4];

	CHECK_EQ_U(fat_create(v, "attr.txt", FAT_ATTR_HIDDEN | FAT_ATTR_VOLUME_ID, &f), 0);
	fat_close(f);
	CHECK_EQ_U(fat_stat(v, "attr.txt", &info), 0);
	CHECK_EQ_U(info.attributes, FAT_ATTR_HIDDEN | FAT_ATTR_ARCHIVE);
	CHECK_EQ_U(info.created.year, 2024);
	CHECK_EQ_U(info.created.second, 56);
	CHECK_EQ_U(info.created.milliseconds, 780);
	CHECK_EQ_U(info.written.minute, 34);
	CHECK_EQ_U(info.accessed.day, 17);
	CHECK_EQ_U(fat_set_attributes(v, "attr.txt", FAT_ATTR_READONLY | FAT_ATTR_SYSTEM |
				      FAT_ATTR_DIRECTORY), 0);
	CHECK_EQ_U(fat_stat(v, "attr.txt", &info), 0);
	CHECK_EQ_U(info.attributes, FAT_ATTR_READONLY | FAT_ATTR_SYSTEM);
	CHECK_EQ_U(fat_delete(v, "attr.txt"), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_open(v, "attr.txt", &f), 0);
	CHECK_EQ_U(fat_set_times(f, &t, NULL, &t), 0);
	fat_query(f, &info);
	fat_close(f);
	CHECK_EQ_U(info.created.year, 2001);
	CHECK_EQ_U(info.created.second, 6);
	CHECK_EQ_U(info.created.milliseconds, 70);
	CHECK_EQ_U(info.written.hour, 4);
	CHECK_EQ_U(info.accessed.year, 2024);
	CHECK_EQ_U(fat_open(v, "attr.txt", &f), 0);
	CHECK_EQ_U(fat_set_times(f, NULL, &t, NULL), 0);
	CHECK_EQ_U(fat_write(f, 0, "data", 4, &done), 0);
	CHECK_EQ_U(fat_set_times(f, NULL, &t, NULL), 0);
	CHECK_EQ_U(fat_read(f, 0, buf, 4, &done), 0);    /* a read stamps the access date */
	fat_query(f, &info);
	fat_close(f);
	CHECK_EQ_U(info.accessed.year, 2024);
	CHECK_EQ_U(info.written.year, 2024);            /* the write stamped it back */
	CHECK_EQ_U(fat_set_attributes(v, "", 0), ERROR_ACCESS_DENIED);
	image_finish(&im, v);
	CHECK_EQ_U(sh("mattrib -i '%s' ::/attr.txt | grep -q '^  A  S R'", im.path), 0);
	CHECK_EQ_U(sh("mdir -a -i '%s' ::/ | grep -q 'ATTR     TXT.*2024-05-17 *12:34'", im.path),
		   0);
}

/* The file cache's write-back: within the size only, times kept, and the
 * entry written only when fat_touch stamped it. */
TEST(paging_writes_keep_the_size_and_take_touched_times_to_disk)
{
	struct fat_volume *v = image_fresh(&im, "t.img");
	struct fat_time t = { 2001, 2, 3, 4, 5, 6, 0 };
	uint8_t data[3000], *got;
	struct fat_info info;
	struct fat_file *f;
	uint32_t n, err;

	pattern_fill(data, sizeof(data), 7);
	CHECK_EQ_U(fat_create(v, "paged.bin", 0, &f), 0);
	CHECK_EQ_U(fat_set_size(f, 2500), 0);
	CHECK_EQ_U(fat_write_paging(f, 0, data, 2501), ERROR_INVALID_PARAMETER);
	CHECK_EQ_U(fat_write_paging(f, 2501, data, 0), ERROR_INVALID_PARAMETER);
	CHECK_EQ_U(fat_set_times(f, NULL, NULL, &t), 0);
	CHECK_EQ_U(fat_write_paging(f, 100, data + 100, 2400), 0);
	CHECK_EQ_U(fat_write_paging(f, 0, data, 100), 0);
	CHECK_EQ_U(fat_stat(v, "paged.bin", &info), 0);
	CHECK_EQ_U(info.size, 2500);
	CHECK_EQ_U(info.written.year, 2001);            /* untouched: the set time stays */
	fat_touch(f);
	fat_query(f, &info);
	CHECK_EQ_U(info.written.year, 2024);            /* in memory at once */
	CHECK_EQ_U(fat_stat(v, "paged.bin", &info), 0);
	CHECK_EQ_U(info.written.year, 2001);            /* on disk not yet */
	CHECK_EQ_U(fat_write_paging(f, 0, data, 10), 0);
	CHECK_EQ_U(fat_stat(v, "paged.bin", &info), 0);
	CHECK_EQ_U(info.written.year, 2024);            /* with the write-back */
	CHECK(info.attributes & FAT_ATTR_ARCHIVE);
	fat_close(f);
	got = fat_slurp(v, "paged.bin", &n, &err);
	CHECK(got && n == 2500 && memcmp(got, data, n) == 0);
	free(got);
	image_finish(&im, v);
}

/* The file cache's own paging path: growing without zeroing writes no data
 * sector, and fat_map says where the clusters lie (consecutive on a fresh
 * volume, one run), so data put there reads back through the driver. */
TEST(grow_unzeroed_and_map_for_paging_io)
{
	struct fat_volume *v = image_fresh(&im, "m.img");
	uint8_t data[3000], *got;
	struct fat_file *f;
	uint32_t lba, bytes, n, err, writes;

	pattern_fill(data, sizeof(data), 11);
	CHECK_EQ_U(fat_create(v, "mapped.bin", 0, &f), 0);
	writes = im.writes;
	CHECK_EQ_U(fat_set_size_ex(f, 3000, false), 0);
	CHECK(im.writes - writes < 6);                  /* FAT, entry, FSInfo: no data */
	CHECK_EQ_U(fat_size(f), 3000);
	CHECK_EQ_U(fat_map(f, 0, 3000, &lba, &bytes), 0);
	CHECK_EQ_U(bytes, 3000);
	CHECK_EQ_U(fat_map(f, 1024, 4096, &lba, &bytes), 0);
	CHECK_EQ_U(bytes, 2048);                        /* to the last cluster's end */
	CHECK_EQ_U(fat_map(f, 3072, 512, &lba, &bytes), ERROR_INVALID_PARAMETER);
	CHECK_EQ_U(fat_map(f, 0, 3000, &lba, &bytes), 0);
	memcpy(im.data + (size_t)lba * FAT_SECTOR_SIZE, data, sizeof(data));
	CHECK_EQ_U(fat_write_paging(f, 0, NULL, 0), 0);
	fat_close(f);
	got = fat_slurp(v, "mapped.bin", &n, &err);
	CHECK(got && n == 3000 && memcmp(got, data, n) == 0);
	free(got);
	image_finish(&im, v);
}

/* Every name fat_find gives for pattern in dir, joined by '|'. */
static const char *names_of(struct fat_volume *v, const char *dir, const char *pattern)
{
	static char out[1024];
	struct fat_find find;
	struct fat_info info;
	uint32_t err = fat_find_first(v, dir, pattern, &find);

	out[0] = '\0';
	if (err)
		snprintf(out, sizeof(out), "error %u", err);
	while (!err && !(err = fat_find_next(&find, &info)))
		strcat(strcat(out, info.name), "|");
	return out;
}

TEST(enumeration_matches_wildcards)
{
	struct fat_volume *v = image_fresh(&im, "t.img");

	CHECK_EQ_U(fat_put(v, "a.txt", "", 0), 0);
	CHECK_EQ_U(fat_put(v, "b.TXT", "", 0), 0);
	CHECK_EQ_U(fat_put(v, "c.dat", "", 0), 0);
	CHECK_EQ_U(fat_put(v, "Long Name.txt", "", 0), 0);
	CHECK_EQ_U(fat_put(v, "noext", "", 0), 0);
	CHECK_EQ_U(fat_mkdir(v, "sub"), 0);
	CHECK_STR(names_of(v, "", "*.txt"), "a.txt|b.TXT|Long Name.txt|");
	CHECK_STR(names_of(v, "", "?.txt"), "a.txt|b.TXT|");
	CHECK_STR(names_of(v, "", "*.*"), "a.txt|b.TXT|c.dat|Long Name.txt|noext|sub|");
	CHECK_STR(names_of(v, "", "noext.*"), "noext|");
	CHECK_STR(names_of(v, "", "LONGNA~1.*"), "Long Name.txt|");
	CHECK_STR(names_of(v, "sub", "*"), ".|..|");
	CHECK_STR(names_of(v, "a.txt", "*"), "error 3");
	CHECK_STR(names_of(v, "none", "*"), "error 3");
	image_finish(&im, v);
}

TEST(bad_lfn_checksum_leaves_the_short_name)
{
	struct fat_volume *v;
	struct fat_info info;
	uint8_t *root;

	image_make(&im, "t.img", 36000, "-s 1");
	host_write("h.txt", "hello\n", 6);
	CHECK_EQ_U(sh("mcopy -i '%s' '%s' '::/Long File Name.txt'", im.path, bench_file("h.txt")), 0);
	image_load(&im);
	v = image_mount(&im);
	root = im.data + (size_t)fat_cluster_lba(v, v->root) * FAT_SECTOR_SIZE;
	for (int i = 0; i < 16; i++)
		if (root[i * 32 + 11] == FAT_ATTR_LFN)
			root[i * 32 + 13] ^= 0x5A;      /* the checksum */
	v->sector_lba = 0;                      /* forget the cached copy */
	CHECK_EQ_U(fat_stat(v, "Long File Name.txt", &info), ERROR_FILE_NOT_FOUND);
	CHECK_EQ_U(fat_stat(v, "longfi~1.txt", &info), 0);
	CHECK_STR(info.name, "LONGFI~1.TXT");
	CHECK_STR(names_of(v, "", "*"), "LONGFI~1.TXT|");
	CHECK_EQ_U(fat_unmount(v), 0);
}

TEST(serial_label_and_file_ids)
{
	struct fat_file *a, *b, *a2, *dir, *root;
	uint32_t ah, al, bh, bl, h, l, dh, dl, rh, rl;
	char label[12];
	struct fat_volume *v;

	image_make(&im, "id.img", 36000, "-s 1 -i 1234ABCD -n 'MY DISK 1'");
	v = image_mount(&im);
	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_EQ_U(fat_serial(v), 0x1234ABCDu);
	CHECK_EQ_U(fat_label(v, label), 0);
	CHECK_STR(label, "MY DISK 1");          /* the entry's padding spaces dropped */
	CHECK_EQ_U(fat_mkdir(v, "d"), 0);
	CHECK_EQ_U(fat_create(v, "d\\empty a", 0, &a), 0);
	CHECK_EQ_U(fat_create(v, "d\\empty b", 0, &b), 0);
	CHECK_EQ_U(fat_open(v, "D\\EMPTY A", &a2), 0);
	CHECK_EQ_U(fat_open(v, "d", &dir), 0);
	CHECK_EQ_U(fat_open(v, "", &root), 0);
	fat_file_id(a, &ah, &al);
	fat_file_id(b, &bh, &bl);
	fat_file_id(a2, &h, &l);
	fat_file_id(dir, &dh, &dl);
	fat_file_id(root, &rh, &rl);
	CHECK(ah == h && al == l);              /* one file, one identity */
	CHECK(ah == bh && al != bl);            /* two empty files in one directory */
	CHECK(dh == v->root && ah != dh);       /* entries of d and of the root */
	CHECK(rh == 0 && rl == v->root);
	fat_close(a);
	fat_close(a2);
	fat_close(b);
	fat_close(dir);
	fat_close(root);
	image_finish(&im, v);
	image_make(&im, "nolabel.img", 36000, "-s 1");
	v = image_mount(&im);
	CHECK(v && fat_label(v, label) == 0 && label[0] == '\0');     /* "NO NAME" is BS_VolLab's */
	if (v)
		image_finish(&im, v);
}

/* Writes and reads back a few files on an image mkfs.fat made with opts, then
 * checks them with mtools and fsck.fat. */
static void round_trip(const char *opts, uint32_t kb, uint32_t cluster_bytes)
{
	static uint8_t want[70000];
	struct fat_volume *v;
	uint32_t cluster, free_clusters, total, n, err;
	uint8_t *got;
	size_t size;

	image_make(&im, "g.img", kb, opts);
	if (!(v = image_mount(&im))) {
		CHECK(v != NULL);
		return;
	}
	fat_space(v, &cluster, &free_clusters, &total);
	CHECK_EQ_U(cluster, cluster_bytes);
	pattern_fill(want, sizeof(want), cluster_bytes);
	CHECK_EQ_U(fat_mkdir(v, "A Directory"), 0);
	for (uint32_t i = 0; i < 40; i++) {             /* the directory grows */
		char path[64];
		snprintf(path, sizeof(path), "A Directory\\file %u.bin", i);
		CHECK_EQ_U(fat_put(v, path, want, i * 1700), 0);
	}
	got = fat_slurp(v, "a directory\\FILE 39.BIN", &n, &err);
	CHECK(!err && n == 39 * 1700 && memcmp(got, want, n) == 0);
	free(got);
	CHECK_EQ_U(fat_delete(v, "A Directory\\file 3.bin"), 0);
	image_finish(&im, v);
	got = mtools_get("/A Directory/file 38.bin", &size);
	CHECK(got && size == 38 * 1700 && memcmp(got, want, size) == 0);
	free(got);
}

TEST(other_geometries)
{
	round_trip("-S 1024 -s 1", 70000, 1024);        /* 1 KB logical sectors */
	round_trip("-s 2 -f 1", 70000, 1024);           /* one FAT */
	round_trip("-s 4 -R 6 -b 3", 140000, 2048);     /* few reserved sectors */
}

int main(void)
{
	bench_start();
	RUN("fat", mount_counts_what_mkfs_made);
	RUN("fat", reads_what_mcopy_wrote);
	RUN("fat", mtools_reads_what_the_driver_wrote);
	RUN("fat", short_names_follow_the_specification);
	RUN("fat", long_names_of_255_characters);
	RUN("fat", bad_names_and_paths_get_win32_errors);
	RUN("fat", lookup_ignores_case_and_keeps_it);
	RUN("fat", writes_at_offsets_extend_and_zero_fill);
	RUN("fat", files_stay_contiguous);
	RUN("fat", attributes_and_times);
	RUN("fat", paging_writes_keep_the_size_and_take_touched_times_to_disk);
	RUN("fat", grow_unzeroed_and_map_for_paging_io);
	RUN("fat", enumeration_matches_wildcards);
	RUN("fat", bad_lfn_checksum_leaves_the_short_name);
	RUN("fat", other_geometries);
	RUN("fat", serial_label_and_file_ids);
	image_free(&im);
	bench_end();
	return check_summary();
}
