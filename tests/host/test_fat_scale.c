/* Host tests of the FAT32 driver at scale: 10 000 files in one directory
 * (created, found, listed by mtools, deleted), deep directories, and the
 * volume filled to ERROR_DISK_FULL and emptied, with fsck.fat -n clean after
 * each. */
#include "tests/host/check.h"
#include "tests/host/fat_image.h"

#define MANY 10000

static struct image im;

static uint32_t free_clusters(struct fat_volume *v)
{
	uint32_t cluster, free_count, total;

	fat_space(v, &cluster, &free_count, &total);
	return free_count;
}

TEST(ten_thousand_files_in_one_directory)
{
	struct fat_volume *v = image_fresh(&im, "s.img");
	uint32_t before = free_clusters(v), err = 0, listed = 0;
	struct fat_info info;
	struct fat_find find;
	char path[64];

	CHECK_EQ_U(fat_mkdir(v, "many"), 0);
	for (int i = 0; i < MANY && !err; i++) {
		snprintf(path, sizeof(path), "many\\File%05d.txt", i);
		err = fat_put(v, path, path, i % 3 ? 0 : 16);
	}
	CHECK_EQ_U(err, 0);
	for (int i = 0; i < MANY && !err; i += 7) {
		snprintf(path, sizeof(path), "MANY\\file%05d.TXT", i);
		err = fat_stat(v, path, &info);
		CHECK_EQ_U(info.size, i % 3 ? 0 : 16);
	}
	CHECK_EQ_U(err, 0);
	CHECK_EQ_U(fat_find_first(v, "many", "*.txt", &find), 0);
	while (!fat_find_next(&find, &info))
		listed++;
	CHECK_EQ_U(listed, MANY);
	CHECK_EQ_U(fat_flush(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
	CHECK_EQ_U(sh("test $(mdir -i '%s' ::/many | grep -c ' File[0-9]*.txt') = %d", im.path, MANY), 0);
	CHECK_EQ_U(sh("mtype -i '%s' '::/many/file09999.txt' | grep -q File09999", im.path), 0);
	for (int i = 0; i < MANY && !err; i++) {
		snprintf(path, sizeof(path), "many\\FILE%05d.txt", i);
		err = fat_delete(v, path);
	}
	CHECK_EQ_U(err, 0);
	CHECK_EQ_U(fat_rmdir(v, "many"), 0);
	CHECK_EQ_U(free_clusters(v), before);
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
}

TEST(deep_directories)
{
	struct fat_volume *v = image_fresh(&im, "s.img");
	char path[2048] = "";
	size_t len = 0;

	for (int depth = 0; depth < 100; depth++) {
		len += (size_t)snprintf(path + len, sizeof(path) - len, "%sLevel %02d", depth ? "\\" : "",
					depth);
		CHECK_EQ_U(fat_mkdir(v, path), 0);
	}
	strcat(path, "\\bottom.txt");
	CHECK_EQ_U(fat_put(v, path, "deep", 4), 0);
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
	for (char *p = path; *p; p++)
		if (*p == '\\')
			*p = '/';
	CHECK_EQ_U(sh("test \"$(mtype -i '%s' '::/%s')\" = deep", im.path, path), 0);
	v = image_mount(&im);
	for (char *p = path; *p; p++)
		if (*p == '/')
			*p = '\\';
	CHECK_EQ_U(fat_delete(v, path), 0);
	for (char *p = strrchr(path, '\\'); p; p = strrchr(path, '\\')) {
		*p = '\0';
		CHECK_EQ_U(fat_rmdir(v, path), 0);
	}
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
}

/* Writes chunks of data to f until the volume is full: the bytes written. */
static uint32_t fill(struct fat_file *f, const uint8_t *data, uint32_t chunk)
{
	uint32_t total = 0, done, err;

	do {
		err = fat_write(f, total, data, chunk, &done);
		total += done;
	} while (!err);
	CHECK_EQ_U(err, ERROR_DISK_FULL);
	return total;
}

TEST(one_file_fills_the_volume)
{
	static uint8_t data[65536];
	struct fat_volume *v = image_fresh(&im, "s.img");
	uint32_t before = free_clusters(v), total;
	struct fat_file *f;
	struct fat_info info;
	uint8_t *got;
	size_t n;

	pattern_fill(data, sizeof(data), 3);
	CHECK_EQ_U(fat_create(v, "full.bin", 0, &f), 0);
	total = fill(f, data, 65000);           /* not a multiple of the cluster */
	fat_query(f, &info);
	fat_close(f);
	CHECK_EQ_U(info.size, total);
	CHECK_EQ_U(total, before * 512);
	CHECK_EQ_U(free_clusters(v), 0);
	CHECK_EQ_U(fat_put(v, "more.txt", "x", 1), ERROR_DISK_FULL);
	CHECK_EQ_U(fat_mkdir(v, "nodir"), ERROR_DISK_FULL);
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
	CHECK_EQ_U(sh("mcopy -n -i '%s' ::/full.bin '%s'", im.path, bench_file("full")), 0);
	got = host_read("full", &n);
	CHECK_EQ_U(n, total);
	for (uint32_t off = 0; got && off < n; off += 65000)
		CHECK(memcmp(got + off, data, n - off < 65000 ? n - off : 65000) == 0);
	free(got);
	v = image_mount(&im);
	CHECK_EQ_U(fat_open(v, "full.bin", &f), 0);
	CHECK_EQ_U(fat_set_size(f, total + 1), ERROR_DISK_FULL);
	fat_query(f, &info);
	CHECK_EQ_U(info.size, total);
	fat_close(f);
	CHECK_EQ_U(fat_delete(v, "full.bin"), 0);
	CHECK_EQ_U(free_clusters(v), before);
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
}

TEST(small_files_fill_the_volume)
{
	static uint8_t data[20000];
	struct fat_volume *v = image_fresh(&im, "s.img");
	uint32_t before = free_clusters(v), files = 0, err = 0;
	char path[64];

	CHECK_EQ_U(fat_mkdir(v, "d"), 0);
	while (!err) {
		snprintf(path, sizeof(path), "d\\f%05u.bin", files);
		if (!(err = fat_put(v, path, data, sizeof(data))))
			files++;
	}
	CHECK_EQ_U(err, ERROR_DISK_FULL);
	CHECK(files > 1700);
	CHECK(free_clusters(v) < 40);
	CHECK_EQ_U(fat_flush(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
	for (uint32_t i = 0; i <= files; i++) {      /* the last one is partial */
		snprintf(path, sizeof(path), "d\\f%05u.bin", i);
		CHECK_EQ_U(fat_delete(v, path), 0);
	}
	CHECK_EQ_U(fat_rmdir(v, "d"), 0);
	CHECK_EQ_U(free_clusters(v), before);
	CHECK_EQ_U(fat_unmount(v), 0);
	CHECK_EQ_U(image_fsck(&im), 0);
}

int main(void)
{
	bench_start();
	RUN("fat_scale", ten_thousand_files_in_one_directory);
	RUN("fat_scale", deep_directories);
	RUN("fat_scale", one_file_fills_the_volume);
	RUN("fat_scale", small_files_fill_the_volume);
	image_free(&im);
	bench_end();
	return check_summary();
}
