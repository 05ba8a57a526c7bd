/* Host tests of kernel/rtl/devname.c: which Win32 names are devices (NUL
 * anywhere, the console's names alone or in the device namespace) and
 * where the device's name is for GetFullPathName. */
#include <string.h>
#include "kernel/rtl/devname.h"

#include "tests/host/check.h"

static enum rtl_device dev(const char *path)
{
	size_t at, len;

	return rtl_device_name(path, &at, &len);
}

TEST(nul_anywhere)
{
	CHECK(dev("NUL") == RTL_DEVICE_NUL);
	CHECK(dev("nul") == RTL_DEVICE_NUL);
	CHECK(dev("Nul. .") == RTL_DEVICE_NUL);
	CHECK(dev("C:\\any\\dir\\NUL") == RTL_DEVICE_NUL);
	CHECK(dev("sub/nul") == RTL_DEVICE_NUL);
	CHECK(dev("C:nul") == RTL_DEVICE_NUL);
	CHECK(dev("\\\\.\\NUL") == RTL_DEVICE_NUL);
	CHECK(dev("\\\\?\\nul") == RTL_DEVICE_NUL);
	CHECK(dev("NUL.txt") == RTL_DEVICE_NONE);
	CHECK(dev("C:\\NUL.txt") == RTL_DEVICE_NONE);
	CHECK(dev("NULL") == RTL_DEVICE_NONE);
	CHECK(dev("NU") == RTL_DEVICE_NONE);
	CHECK(dev("C:\\NUL\\x") == RTL_DEVICE_NONE);
	CHECK(dev("") == RTL_DEVICE_NONE);
	CHECK(dev("\\\\server\\share\\nul") == RTL_DEVICE_NONE);
	CHECK(dev("abc\\NUL") == RTL_DEVICE_NUL);
}

TEST(console_names_alone)
{
	CHECK(dev("CON") == RTL_DEVICE_CON);
	CHECK(dev("con") == RTL_DEVICE_CON);
	CHECK(dev("CONIN$") == RTL_DEVICE_CONIN);
	CHECK(dev("conout$") == RTL_DEVICE_CONOUT);
	CHECK(dev("\\\\.\\CON") == RTL_DEVICE_CON);
	CHECK(dev("\\\\.\\CONIN$") == RTL_DEVICE_CONIN);
	CHECK(dev("\\\\.\\conout$") == RTL_DEVICE_CONOUT);
	CHECK(dev("C:\\dir\\CON") == RTL_DEVICE_NONE);
	CHECK(dev(".\\CONOUT$") == RTL_DEVICE_NONE);
	CHECK(dev("CON.txt") == RTL_DEVICE_NONE);
	CHECK(dev("ab.\\CON") == RTL_DEVICE_NONE);
	CHECK(dev("\\\\.\\C:") == RTL_DEVICE_NONE);
	CHECK(dev("\\\\.\\pipe\\nul") == RTL_DEVICE_NONE);
}

TEST(name_as_typed)
{
	size_t at, len;

	CHECK(rtl_device_name("C:\\x\\nUl ..", &at, &len) == RTL_DEVICE_NUL);
	CHECK(at == 5 && len == 3);
	CHECK(rtl_device_name("\\\\.\\CONIN$", &at, &len) == RTL_DEVICE_CONIN);
	CHECK(at == 4 && len == 6);
}

int main(void)
{
	RUN("devname", nul_anywhere);
	RUN("devname", console_names_alone);
	RUN("devname", name_as_typed);
	return check_summary();
}
