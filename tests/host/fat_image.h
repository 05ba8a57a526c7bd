/* The FAT32 driver's host-test bench: volume images made by Debian's mkfs.fat,
 * held in memory behind a struct fat_blockdev (with write counting, an
 * injected failure and a simulated power cut), saved to a file for mtools and
 * fsck.fat, a fixed clock, and kmalloc/kfree over malloc. Include after
 * tests/host/check.h; call bench_start() first and bench_end() last. */
#ifndef TESTS_HOST_FAT_IMAGE_H
#define TESTS_HOST_FAT_IMAGE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "kernel/io/fat/fat.h"
#include "kernel/rtl/winerror.h"
#include "mm/pool.h"

void *kmalloc(size_t size)
{
	return size ? malloc(size) : NULL;
}

void kfree(void *p)
{
	free(p);
}

struct image {
	uint8_t *data;
	uint32_t sectors;
	char path[300];
	uint32_t writes;                /* sector writes that reached the image */
	uint32_t cut_after;             /* power cut: writes past this many vanish (0: none) */
	uint32_t fail_write;            /* this write (1-based) fails with ERROR_IO_DEVICE */
	uint32_t write_calls;
};

static char bench_dir[64];

/* The clock every test volume sees: 2024-05-17 12:34:56.780. */
static inline void bench_clock(struct fat_time *t)
{
	*t = (struct fat_time){ 2024, 5, 17, 12, 34, 56, 780 };
}

static inline uint32_t image_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
	struct image *im = ctx;

	if (lba > im->sectors || count > im->sectors - lba)
		return ERROR_CRC;
	memcpy(buf, im->data + (size_t)lba * FAT_SECTOR_SIZE, (size_t)count * FAT_SECTOR_SIZE);
	return ERROR_SUCCESS;
}

static inline uint32_t image_write(void *ctx, uint32_t lba, uint32_t count, const void *buf)
{
	struct image *im = ctx;

	if (lba > im->sectors || count > im->sectors - lba)
		return ERROR_CRC;
	if (++im->write_calls == im->fail_write)
		return ERROR_IO_DEVICE;
	for (uint32_t i = 0; i < count; i++) {
		if (im->cut_after && im->writes >= im->cut_after)
			return ERROR_SUCCESS;   /* the machine lost power: nothing lands */
		memcpy(im->data + (size_t)(lba + i) * FAT_SECTOR_SIZE,
		       (const uint8_t *)buf + (size_t)i * FAT_SECTOR_SIZE, FAT_SECTOR_SIZE);
		im->writes++;
	}
	return ERROR_SUCCESS;
}

/* Runs a shell command built like printf; returns its exit status. */
static inline int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static inline void bench_start(void)
{
	const char *path = getenv("PATH");
	char newpath[4096];

	snprintf(newpath, sizeof(newpath), "%s:/usr/sbin:/sbin", path ? path : "/usr/bin:/bin");
	setenv("PATH", newpath, 1);
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	strcpy(bench_dir, "/tmp/vados-fat-XXXXXX");
	if (!mkdtemp(bench_dir)) {
		perror("mkdtemp");
		exit(2);
	}
}

static inline void bench_end(void)
{
	sh("rm -rf '%s'", bench_dir);
}

/* A file name in the bench directory. */
static inline const char *bench_file(const char *name)
{
	static char buf[4][400];
	static int turn;
	char *p = buf[turn++ % 4];

	snprintf(p, 400, "%s/%s", bench_dir, name);
	return p;
}

static inline void image_load(struct image *im)
{
	FILE *f = fopen(im->path, "rb");
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0) {
		fprintf(stderr, "image_load: %s\n", im->path);
		exit(2);
	}
	rewind(f);
	free(im->data);
	im->data = malloc((size_t)size);
	im->sectors = (uint32_t)(size / FAT_SECTOR_SIZE);
	if (!im->data || fread(im->data, 1, (size_t)size, f) != (size_t)size)
		exit(2);
	fclose(f);
}

static inline void image_save(const struct image *im)
{
	FILE *f = fopen(im->path, "wb");

	if (!f || fwrite(im->data, FAT_SECTOR_SIZE, im->sectors, f) != im->sectors) {
		fprintf(stderr, "image_save: %s\n", im->path);
		exit(2);
	}
	fclose(f);
}

/* A fresh FAT32 image of kb kilobytes (mkfs.fat options opts) named name. */
static inline void image_make(struct image *im, const char *name, uint32_t kb, const char *opts)
{
	free(im->data);
	memset(im, 0, sizeof(*im));
	snprintf(im->path, sizeof(im->path), "%s", bench_file(name));
	if (sh("rm -f '%s' && mkfs.fat -F 32 %s -C '%s' %u >/dev/null", im->path, opts, im->path, kb)) {
		fprintf(stderr, "mkfs.fat failed (is dosfstools installed?)\n");
		exit(2);
	}
	image_load(im);
}

static inline void image_free(struct image *im)
{
	free(im->data);
	im->data = NULL;
}

static inline struct fat_blockdev image_dev(struct image *im)
{
	return (struct fat_blockdev){ image_read, image_write, im, im->sectors, NULL, NULL, NULL };
}

/* Mounts im; NULL (and a message) when the driver refuses. */
static inline struct fat_volume *image_mount(struct image *im)
{
	struct fat_blockdev dev = image_dev(im);
	struct fat_volume *v = NULL;
	const char *why = NULL;
	uint32_t err = fat_mount(&dev, bench_clock, &v, &why);

	if (err) {
		fprintf(stderr, "mount %s: %u: %s\n", im->path, err, why ? why : "?");
		return NULL;
	}
	return v;
}

/* Saves im and runs fsck.fat -n on it: its exit status (0: clean). The
 * report goes to stderr when it is not clean. */
static inline int image_fsck(const struct image *im)
{
	image_save(im);
	return sh("fsck.fat -n '%s' > '%s.fsck' 2>&1 || { cat '%s.fsck' >&2; exit 1; }", im->path,
		  im->path, im->path);
}

/* A fresh 36 MB image named name (512-byte clusters: the smallest FAT32
 * volume), mounted. */
static inline struct fat_volume *image_fresh(struct image *im, const char *name)
{
	image_make(im, name, 36000, "-s 1");
	return image_mount(im);
}

/* Unmounts v and checks im with fsck.fat -n. */
static inline void image_finish(struct image *im, struct fat_volume *v)
{
	CHECK_EQ_U(fat_unmount(v), ERROR_SUCCESS);
	CHECK_EQ_U(image_fsck(im), 0);
}

/* Writes n bytes to the host file name in the bench directory. */
static inline void host_write(const char *name, const void *data, size_t n)
{
	FILE *f = fopen(bench_file(name), "wb");

	if (!f || fwrite(data, 1, n, f) != n)
		exit(2);
	fclose(f);
}

/* Reads the host file name into a malloc'd buffer; *n its size (NULL: none). */
static inline uint8_t *host_read(const char *name, size_t *n)
{
	FILE *f = fopen(bench_file(name), "rb");
	uint8_t *p;
	long size;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	p = malloc(size ? (size_t)size : 1);
	*n = fread(p, 1, (size_t)size, f);
	fclose(f);
	return p;
}

/* Bytes that differ from file to file: a function of seed and position. */
static inline void pattern_fill(uint8_t *p, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)(x >> 16);
	}
}

/* Reads the whole of path through the driver into a malloc'd buffer. */
static inline uint8_t *fat_slurp(struct fat_volume *v, const char *path, uint32_t *n, uint32_t *err)
{
	struct fat_file *f;
	struct fat_info info;
	uint8_t *p;

	*n = 0;
	if ((*err = fat_open(v, path, &f)))
		return NULL;
	fat_query(f, &info);
	p = malloc(info.size + 1);
	*err = fat_read(f, 0, p, info.size, n);
	fat_close(f);
	return p;
}

/* Creates path through the driver holding data[0..n). */
static inline uint32_t fat_put(struct fat_volume *v, const char *path, const void *data, uint32_t n)
{
	struct fat_file *f;
	uint32_t done, err = fat_create(v, path, 0, &f);

	if (err)
		return err;
	err = fat_write(f, 0, data, n, &done);
	fat_close(f);
	return err ? err : done == n ? ERROR_SUCCESS : ERROR_BAD_LENGTH;
}

#endif
