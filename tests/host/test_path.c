/* rtl_full_path: GetFullPathName's resolution of drive, rooted, relative and
 * drive-relative paths, separators, "." and "..", trailing dots. */
#include "check.h"
#include "kernel/rtl/path.h"

static char out[RTL_PATH_WORK];

static const char *full(const char *cwd, const char *path)
{
	size_t n = rtl_full_path(cwd, path, out);

	return n == strlen(out) ? out : "(length differs)";
}

TEST(resolves_like_win32)
{
	CHECK_STR(full("C:\\", "a.txt"), "C:\\a.txt");
	CHECK_STR(full("C:\\dir", "a.txt"), "C:\\dir\\a.txt");
	CHECK_STR(full("C:\\dir", "..\\b"), "C:\\b");
	CHECK_STR(full("C:\\dir", "..\\..\\..\\b"), "C:\\b");
	CHECK_STR(full("C:\\dir\\sub", ".\\x\\.\\y"), "C:\\dir\\sub\\x\\y");
	CHECK_STR(full("C:\\dir", "\\root.txt"), "C:\\root.txt");
	CHECK_STR(full("C:\\dir", "/a/b//c"), "C:\\a\\b\\c");
	CHECK_STR(full("C:\\dir", "d:x"), "D:\\x");
	CHECK_STR(full("C:\\dir", "c:x"), "C:\\dir\\x");
	CHECK_STR(full("C:\\dir", "D:\\"), "D:\\");
	CHECK_STR(full("C:\\dir", "C:"), "C:\\dir");
	CHECK_STR(full("C:\\dir", "sub\\"), "C:\\dir\\sub\\");
	CHECK_STR(full("C:\\dir", "name. . ."), "C:\\dir\\name");
	CHECK_STR(full("C:\\dir", ".."), "C:\\");
	CHECK_STR(full("C:\\dir", "."), "C:\\dir");
	CHECK_STR(full("C:\\", "\\"), "C:\\");
	CHECK_STR(full("C:\\a\\b", "..\\..\\"), "C:\\");
	CHECK_STR(full("C:\\a\\bb\\c", "..\\..\\x"), "C:\\a\\x");
}

TEST(refuses_empty_unc_and_counts_long)
{
	static char big[2000];

	CHECK(rtl_full_path("C:\\", "", out) == 0);
	CHECK(rtl_full_path("C:\\", "\\\\server\\share", out) == 0);
	CHECK(rtl_full_path("C:\\", "\\\\?\\UNC\\server\\share", out) == 0);
	CHECK(rtl_full_path("C:\\", "\\\\.\\pipe\\x", out) == 0);
	memset(big, 'x', sizeof(big) - 1);
	CHECK_EQ_U(rtl_full_path("C:\\", big, out), sizeof(big) - 1 + 3);
	CHECK(out[0] == '\0');
}

/* "\\?\C:\..." and "\\.\C:\..." name the drive's files. */
TEST(device_namespace_drive_paths)
{
	CHECK_STR(full("C:\\dir", "\\\\?\\D:\\a\\b.txt"), "D:\\a\\b.txt");
	CHECK_STR(full("C:\\dir", "\\\\.\\c:\\a\\..\\b"), "C:\\b");
	CHECK_EQ_U(rtl_device_prefix("\\\\?\\C:\\x"), 4);
	CHECK_EQ_U(rtl_device_prefix("//./C:/"), 4);
	CHECK_EQ_U(rtl_device_prefix("\\\\.\\C:"), 0);          /* the volume */
	CHECK_EQ_U(rtl_device_prefix("\\\\?\\UNC\\s"), 0);
	CHECK_EQ_U(rtl_device_prefix("C:\\x"), 0);
}

int main(void)
{
	RUN("path", resolves_like_win32);
	RUN("path", refuses_empty_unc_and_counts_long);
	RUN("path", device_namespace_drive_paths);
	return check_summary();
}
