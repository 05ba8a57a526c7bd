/* Host tests of user/lib/envblock.c: lookups without case, '=' names, sets
 * keeping the block sorted, deletes down to the empty block, %NAME%
 * expansion with unknown names, short buffers and sizes. */
#include <stdlib.h>
#include <string.h>
#include "user/lib/envblock.h"

#include "tests/host/check.h"

/* block with name set to value, in a fresh buffer (free it). */
static char *set(const char *block, const char *name, const char *value)
{
	size_t room = envb_size(block) + strlen(name) + (value ? strlen(value) : 0) + 2;
	char *out = malloc(room);
	size_t size = envb_set(block, name, value, out);

	CHECK(size <= room);
	CHECK_EQ_U(size, envb_size(out));
	return out;
}

static const char sample[] = "=C:=C:\\dir\0COMSPEC=C:\\BIN\\shell.exe\0Path=C:\\BIN\0";

TEST(sizes_and_lookups)
{
	CHECK_EQ_U(envb_size("\0"), 2);
	CHECK_EQ_U(envb_size(sample), sizeof(sample));
	CHECK_STR(envb_find(sample, "PATH"), "C:\\BIN");
	CHECK_STR(envb_find(sample, "path"), "C:\\BIN");
	CHECK_STR(envb_find(sample, "=c:"), "C:\\dir");
	CHECK(envb_find(sample, "PAT") == NULL);
	CHECK(envb_find(sample, "PATHX") == NULL);
	CHECK(envb_find("\0", "PATH") == NULL);
	CHECK_EQ_U(envb_name_length("=C:=C:\\"), 3);
}

TEST(names_windows_refuses)
{
	CHECK(envb_name_valid("A"));
	CHECK(envb_name_valid("=C:"));
	CHECK(!envb_name_valid(""));
	CHECK(!envb_name_valid("A=B"));
	CHECK(!envb_name_valid("=C:="));
}

TEST(sets_replace_insert_sorted_and_delete)
{
	char *a = set(sample, "path", "D:\\X"), *b, *c, *d;

	CHECK_STR(envb_find(a, "PATH"), "D:\\X");
	CHECK(strstr(a + strlen(a) + 1 + strlen(a + strlen(a) + 1) + 1, "path=D:\\X") != NULL);
	b = set(a, "Alpha", "1");
	CHECK_STR(b + strlen(b) + 1, "Alpha=1");        /* after "=C:", before COMSPEC */
	c = set(b, "zz", "");
	CHECK_STR(envb_find(c, "ZZ"), "");
	d = set(c, "ALPHA", NULL);
	CHECK(envb_find(d, "alpha") == NULL);
	CHECK_EQ_U(envb_size(d), envb_size(c) - strlen("Alpha=1") - 1);
	free(a);
	free(b);
	free(c);
	a = set(d, "nothing", NULL);
	CHECK(memcmp(a, d, envb_size(d)) == 0);
	free(d);
	free(a);
}

TEST(deleting_everything_leaves_the_empty_block)
{
	char *a = set("\0", "ONLY", "1"), *b;

	CHECK_STR(a, "ONLY=1");
	CHECK_EQ_U(envb_size(a), 8);
	b = set(a, "only", NULL);
	CHECK_EQ_U(envb_size(b), 2);
	CHECK(b[0] == '\0' && b[1] == '\0');
	free(a);
	free(b);
}

TEST(expansion)
{
	char out[64];

	CHECK_EQ_U(envb_expand(sample, "%PATH%;x", out, sizeof(out)), 9);
	CHECK_STR(out, "C:\\BIN;x");
	CHECK_EQ_U(envb_expand(sample, "%NOPE% 100%", out, sizeof(out)), 12);
	CHECK_STR(out, "%NOPE% 100%");
	CHECK_EQ_U(envb_expand(sample, "%NOPE%PATH%", out, sizeof(out)), 12);
	CHECK_STR(out, "%NOPEC:\\BIN");
	CHECK_EQ_U(envb_expand(sample, "%%%path%%", out, sizeof(out)), 10);
	CHECK_STR(out, "%%C:\\BIN%");
	memset(out, 'z', sizeof(out));
	CHECK_EQ_U(envb_expand(sample, "a%PATH%", out, 4), 8);
	CHECK(memcmp(out, "aC:\\z", 5) == 0);      /* nothing past the size */
}

int main(void)
{
	RUN("envblock", sizes_and_lookups);
	RUN("envblock", names_windows_refuses);
	RUN("envblock", sets_replace_insert_sorted_and_delete);
	RUN("envblock", deleting_everything_leaves_the_empty_block);
	RUN("envblock", expansion);
	return check_summary();
}
