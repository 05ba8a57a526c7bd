/* Host tests of the FAT32 driver's namespace changes: delete and rmdir with
 * Windows' refusals, rename in place, case-only renames, moves between
 * directories (a directory's ".." follows), replace-existing, open files
 * following their entry; every image checked by fsck.fat -n and mtools. */
#include "tests/host/check.h"
#include "tests/host/fat_image.h"

static struct image im;

/* Whether mtype prints text for ::path (after saving the image). */
static bool mtools_says(const char *path, const char *text)
{
	image_save(&im);
	return sh("test \"$(mtype -i '%s' '::%s')\" = '%s'", im.path, path, text) == 0;
}

static uint32_t free_clusters(struct fat_volume *v)
{
	uint32_t cluster, free_count, total;

	fat_space(v, &cluster, &free_count, &total);
	return free_count;
}

TEST(delete_frees_and_refuses_as_windows)
{
	static uint8_t data[20000];
	struct fat_volume *v = image_fresh(&im, "m.img");
	uint32_t before = free_clusters(v);
	struct fat_file *f;

	CHECK_EQ_U(fat_put(v, "big.bin", data, sizeof(data)), 0);
	CHECK_EQ_U(free_clusters(v), before - 40);
	CHECK_EQ_U(fat_delete(v, "BIG.BIN"), 0);
	CHECK_EQ_U(free_clusters(v), before);
	CHECK_EQ_U(fat_delete(v, "big.bin"), ERROR_FILE_NOT_FOUND);
	CHECK_EQ_U(fat_delete(v, "no\\big.bin"), ERROR_PATH_NOT_FOUND);
	CHECK_EQ_U(fat_mkdir(v, "dir"), 0);
	CHECK_EQ_U(fat_delete(v, "dir"), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_delete(v, ""), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_put(v, "dir\\inside.txt", "i", 1), 0);
	CHECK_EQ_U(fat_rmdir(v, "dir"), ERROR_DIR_NOT_EMPTY);
	CHECK_EQ_U(fat_rmdir(v, "dir\\inside.txt"), ERROR_DIRECTORY);
	CHECK_EQ_U(fat_rmdir(v, "\\"), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_open(v, "dir\\inside.txt", &f), 0);
	CHECK_EQ_U(fat_delete(v, "dir\\inside.txt"), ERROR_SHARING_VIOLATION);
	fat_close(f);
	CHECK_EQ_U(fat_delete(v, "dir\\inside.txt"), 0);
	CHECK_EQ_U(fat_open(v, "dir", &f), 0);
	CHECK_EQ_U(fat_rmdir(v, "dir"), ERROR_SHARING_VIOLATION);
	CHECK_EQ_U(fat_unmount(v), ERROR_BUSY);
	fat_close(f);
	CHECK_EQ_U(fat_set_attributes(v, "dir", FAT_ATTR_READONLY), 0);
	CHECK_EQ_U(fat_rmdir(v, "dir"), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_set_attributes(v, "dir", 0), 0);
	CHECK_EQ_U(fat_rmdir(v, "dir"), 0);
	CHECK_EQ_U(free_clusters(v), before);
	image_finish(&im, v);
}

TEST(rename_in_place_and_by_case)
{
	struct fat_volume *v = image_fresh(&im, "m.img");
	struct fat_info info;

	CHECK_EQ_U(fat_put(v, "old name.txt", "one", 3), 0);
	CHECK_EQ_U(fat_rename(v, "old name.txt", "New Name.txt", false), 0);
	CHECK_EQ_U(fat_stat(v, "old name.txt", &info), ERROR_FILE_NOT_FOUND);
	CHECK_EQ_U(fat_stat(v, "new name.txt", &info), 0);
	CHECK_STR(info.name, "New Name.txt");
	CHECK_EQ_U(fat_rename(v, "new name.txt", "NEW NAME.TXT", false), 0);
	CHECK_EQ_U(fat_stat(v, "new name.txt", &info), 0);
	CHECK_STR(info.name, "NEW NAME.TXT");
	CHECK_EQ_U(fat_put(v, "abc.txt", "abc", 3), 0);
	CHECK_EQ_U(fat_rename(v, "abc.txt", "ABC.TXT", false), 0);   /* now its own 8.3 name */
	CHECK_EQ_U(fat_stat(v, "abc.txt", &info), 0);
	CHECK_STR(info.name, "ABC.TXT");
	CHECK_STR(info.short_name, "ABC.TXT");
	CHECK_EQ_U(fat_rename(v, "missing", "x", false), ERROR_FILE_NOT_FOUND);
	CHECK_EQ_U(fat_rename(v, "abc.txt", "a|b", false), ERROR_INVALID_NAME);
	CHECK_EQ_U(fat_rename(v, "abc.txt", "nodir\\abc.txt", false), ERROR_PATH_NOT_FOUND);
	CHECK_EQ_U(fat_rename(v, "", "x", false), ERROR_ACCESS_DENIED);
	image_finish(&im, v);
	CHECK(mtools_says("/NEW NAME.TXT", "one"));
	CHECK(mtools_says("/ABC.TXT", "abc"));
}

TEST(replace_existing_follows_movefileex)
{
	static uint8_t data[5000];
	struct fat_volume *v = image_fresh(&im, "m.img");
	uint32_t before = free_clusters(v);
	struct fat_file *f;

	CHECK_EQ_U(fat_put(v, "src.txt", "source", 6), 0);
	CHECK_EQ_U(fat_put(v, "dst.txt", data, sizeof(data)), 0);
	CHECK_EQ_U(fat_mkdir(v, "dir"), 0);
	CHECK_EQ_U(fat_rename(v, "src.txt", "dst.txt", false), ERROR_ALREADY_EXISTS);
	CHECK_EQ_U(fat_rename(v, "src.txt", "dir", true), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_rename(v, "dir", "dst.txt", true), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_open(v, "dst.txt", &f), 0);
	CHECK_EQ_U(fat_rename(v, "src.txt", "dst.txt", true), ERROR_ACCESS_DENIED);
	fat_close(f);
	CHECK_EQ_U(fat_set_attributes(v, "dst.txt", FAT_ATTR_READONLY), 0);
	CHECK_EQ_U(fat_rename(v, "src.txt", "dst.txt", true), ERROR_ACCESS_DENIED);
	CHECK_EQ_U(fat_set_attributes(v, "dst.txt", 0), 0);
	CHECK_EQ_U(fat_rename(v, "src.txt", "DST.txt", true), 0);
	CHECK_EQ_U(free_clusters(v), before - 2);       /* dir, and src's one cluster */
	image_finish(&im, v);
	CHECK(mtools_says("/dst.txt", "source"));
	CHECK_EQ_U(sh("mdir -i '%s' ::/ | grep -qi src", im.path), 1);
}

TEST(moves_between_directories)
{
	struct fat_volume *v = image_fresh(&im, "m.img");
	struct fat_info info;
	struct fat_file *f;
	uint32_t done;
	char buf[16];

	CHECK_EQ_U(fat_mkdir(v, "a"), 0);
	CHECK_EQ_U(fat_mkdir(v, "a\\sub"), 0);
	CHECK_EQ_U(fat_mkdir(v, "b"), 0);
	CHECK_EQ_U(fat_put(v, "a\\sub\\note.txt", "deep", 4), 0);
	CHECK_EQ_U(fat_put(v, "file.txt", "moved", 5), 0);
	CHECK_EQ_U(fat_open(v, "file.txt", &f), 0);
	CHECK_EQ_U(fat_rename(v, "file.txt", "b\\Renamed File.txt", false), 0);
	CHECK_EQ_U(fat_write(f, 5, " on", 3, &done), 0);   /* the FCB followed */
	fat_close(f);
	CHECK_EQ_U(fat_rename(v, "a\\sub", "b\\sub2", false), 0);       /* ".." follows */
	CHECK_EQ_U(fat_stat(v, "b\\sub2\\note.txt", &info), 0);
	CHECK_EQ_U(fat_rename(v, "b\\sub2", "sub3", false), 0);         /* ".." to the root */
	CHECK_EQ_U(fat_rename(v, "b", "b\\inside", false), ERROR_SHARING_VIOLATION);
	CHECK_EQ_U(fat_rename(v, "b", "b\\x\\y", false), ERROR_PATH_NOT_FOUND);
	CHECK_EQ_U(fat_mkdir(v, "b\\c"), 0);
	CHECK_EQ_U(fat_rename(v, "b", "b\\c\\b", false), ERROR_SHARING_VIOLATION);
	CHECK_EQ_U(fat_rename(v, "a", "b\\c\\a", false), 0);
	CHECK_EQ_U(fat_open(v, "b\\Renamed File.txt", &f), 0);
	CHECK_EQ_U(fat_read(f, 0, buf, sizeof(buf), &done), 0);
	fat_close(f);
	CHECK(done == 8 && memcmp(buf, "moved on", 8) == 0);
	image_finish(&im, v);
	CHECK(mtools_says("/sub3/note.txt", "deep"));
	CHECK(mtools_says("/b/Renamed File.txt", "moved on"));
	CHECK_EQ_U(sh("mdir -i '%s' ::/b/c/a >/dev/null", im.path), 0);
}

TEST(a_directory_cluster_reused_elsewhere)
{
	struct fat_volume *v = image_fresh(&im, "m.img");

	CHECK_EQ_U(fat_mkdir(v, "a"), 0);
	CHECK_EQ_U(fat_mkdir(v, "a\\old"), 0);
	CHECK_EQ_U(fat_put(v, "a\\old\\f.txt", "", 0), 0);
	CHECK_EQ_U(fat_delete(v, "a\\old\\f.txt"), 0);
	CHECK_EQ_U(fat_rmdir(v, "a\\old"), 0);
	CHECK_EQ_U(fat_mkdir(v, "new"), 0);      /* takes old's cluster, parent elsewhere */
	CHECK_EQ_U(fat_put(v, "new\\g.txt", "g", 1), 0);
	image_finish(&im, v);
	CHECK(mtools_says("/new/g.txt", "g"));
}

int main(void)
{
	bench_start();
	RUN("fat_move", delete_frees_and_refuses_as_windows);
	RUN("fat_move", rename_in_place_and_by_case);
	RUN("fat_move", replace_existing_follows_movefileex);
	RUN("fat_move", moves_between_directories);
	RUN("fat_move", a_directory_cluster_reused_elsewhere);
	image_free(&im);
	bench_end();
	return check_summary();
}
