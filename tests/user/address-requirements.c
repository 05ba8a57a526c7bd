/* VirtualAlloc2's and MapViewOfFile3's extended parameters as Microsoft's
 * pages (VirtualAlloc2, MEM_EXTENDED_PARAMETER, MEM_ADDRESS_REQUIREMENTS)
 * describe them: a reservation or a view lands inside [Lowest, Highest] at
 * the Alignment asked for (bottom-up, or top-down with MEM_TOP_DOWN), a
 * window too small for it is ERROR_NOT_ENOUGH_MEMORY, all-zero requirements
 * are none; and the refusals (ERROR_INVALID_PARAMETER): a lowest address
 * not a 64 KB multiple, a highest one not ending a 64 KB granule or past
 * lpMaximumApplicationAddress, below the lowest, an alignment not a power of
 * two or under 64 KB, requirements with a base address, a parameter type 0
 * or past the last, one given twice, a NUMA node other than 0, a partition
 * handle. Also VirtualAlloc2 with Process NULL, and CreateFileMapping2's
 * access, attributes and NUMA parameter. Last line
 * "address-requirements: N failures". */
#define TEST_NAME "address-requirements"
#include "check.h"
#include "win32-conformance.h"

#define LOW  0x20000000u
#define HIGH 0x2fffffffu

static MEM_EXTENDED_PARAMETER requirements(MEM_ADDRESS_REQUIREMENTS *r, ULONG_PTR low,
					   ULONG_PTR high, SIZE_T align)
{
	MEM_EXTENDED_PARAMETER p = { 0 };

	r->LowestStartingAddress = (PVOID)low;
	r->HighestEndingAddress = (PVOID)high;
	r->Alignment = align;
	p.Type = MemExtendedParameterAddressRequirements;
	p.Pointer = r;
	return p;
}

static char *alloc(ULONG type, ULONG_PTR low, ULONG_PTR high, SIZE_T align, SIZE_T size)
{
	MEM_ADDRESS_REQUIREMENTS r;
	MEM_EXTENDED_PARAMETER p = requirements(&r, low, high, align);

	return VirtualAlloc2(NULL, NULL, size, type, PAGE_READWRITE, &p, 1);
}

static void placed(void)
{
	char *a = alloc(MEM_RESERVE | MEM_COMMIT, LOW, HIGH, 0x100000, 0x10000);
	char *b = alloc(MEM_RESERVE | MEM_TOP_DOWN, LOW, HIGH, 0, 0x30000);
	char *c = alloc(MEM_RESERVE, 0, 0, 0, 0x10000);         /* all zero: none */
	SYSTEM_INFO si;
	char *d;

	GetSystemInfo(&si);
	d = alloc(MEM_RESERVE | MEM_TOP_DOWN, 0, (ULONG_PTR)si.lpMaximumApplicationAddress, 0,
		  0x10000);
	CHECK(d == (char *)si.lpMaximumApplicationAddress + 1 - 0x10000,
	      "up to the highest address: %p: %lu", d, GetLastError());
	VirtualFree(d, 0, MEM_RELEASE);

	CHECK(a && (ULONG_PTR)a >= LOW && (ULONG_PTR)a + 0x10000 - 1 <= HIGH &&
	      !((ULONG_PTR)a & 0xfffff), "bottom-up at %p: %lu", a, GetLastError());
	CHECK(b == (char *)(HIGH + 1 - 0x30000), "top-down at %p: %lu", b, GetLastError());
	CHECK(c != NULL, "no requirements: %lu", GetLastError());
	if (a)
		*a = 1;         /* committed */
	CHECK_FAIL(alloc(MEM_RESERVE, LOW, LOW + 0xffff, 0, 0x20000), NULL,
		   ERROR_NOT_ENOUGH_MEMORY);    /* the window is too small */
	VirtualFree(a, 0, MEM_RELEASE);
	VirtualFree(b, 0, MEM_RELEASE);
	VirtualFree(c, 0, MEM_RELEASE);
}

static void refused(void)
{
	MEM_ADDRESS_REQUIREMENTS r;
	MEM_EXTENDED_PARAMETER p[2], zero = { 0 };
	SYSTEM_INFO si;

	GetSystemInfo(&si);
	CHECK_FAIL(alloc(MEM_RESERVE, LOW + 0x1000, HIGH, 0, 0x10000), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(alloc(MEM_RESERVE, LOW, HIGH - 0x1000, 0, 0x10000), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(alloc(MEM_RESERVE, LOW, (ULONG_PTR)si.lpMaximumApplicationAddress + 0x10000, 0,
			 0x10000), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(alloc(MEM_RESERVE, HIGH + 1, LOW - 1, 0, 0x10000), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(alloc(MEM_RESERVE, LOW, HIGH, 0x30000, 0x10000), NULL, ERROR_INVALID_PARAMETER);
	CHECK_FAIL(alloc(MEM_RESERVE, LOW, HIGH, 0x1000, 0x10000), NULL, ERROR_INVALID_PARAMETER);
	p[0] = requirements(&r, LOW, HIGH, 0);
	CHECK_FAIL(VirtualAlloc2(NULL, (PVOID)LOW, 0x10000, MEM_RESERVE, PAGE_READWRITE, p, 1),
		   NULL, ERROR_INVALID_PARAMETER);      /* with a base */
	p[1] = p[0];
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, p, 2), NULL,
		   ERROR_INVALID_PARAMETER);            /* twice */
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, &zero, 1), NULL,
		   ERROR_INVALID_PARAMETER);            /* MemExtendedParameterInvalidType */
	zero.Type = MemExtendedParameterMax;
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, &zero, 1), NULL,
		   ERROR_INVALID_PARAMETER);
	zero.Type = MemExtendedParameterPartitionHandle;
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, &zero, 1), NULL,
		   ERROR_INVALID_PARAMETER);
	zero.Type = MemExtendedParameterNumaNode;
	zero.ULong = 1;
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, &zero, 1), NULL,
		   ERROR_INVALID_PARAMETER);
	CHECK_FAIL(VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE, NULL, 1), NULL,
		   ERROR_INVALID_PARAMETER);
}

/* NUMA node 0 and requirements together; Process NULL is the caller. */
static void numa_and_requirements(void)
{
	MEM_ADDRESS_REQUIREMENTS r;
	MEM_EXTENDED_PARAMETER p[2];
	char *a;

	p[0] = requirements(&r, LOW, HIGH, 0);
	p[1] = (MEM_EXTENDED_PARAMETER){ 0 };
	p[1].Type = MemExtendedParameterNumaNode;
	p[1].ULong = 0;
	a = VirtualAlloc2(NULL, NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, p, 2);
	CHECK(a && (ULONG_PTR)a >= LOW && (ULONG_PTR)a < HIGH, "at %p: %lu", a, GetLastError());
	CHECK(VirtualFree(a, 0, MEM_RELEASE), "release: %lu", GetLastError());
}

/* A view placed by requirements; CreateFileMapping2's handle access. */
static void view_placed(void)
{
	HANDLE s = CreateFileMapping2(INVALID_HANDLE_VALUE, NULL, FILE_MAP_READ, PAGE_READWRITE,
				      SEC_COMMIT, 0x20000, NULL, NULL, 0), w;
	MEM_ADDRESS_REQUIREMENTS r;
	MEM_EXTENDED_PARAMETER p = requirements(&r, LOW, HIGH, 0x400000), numa = { 0 };
	char *v;

	CHECK(s != NULL, "CreateFileMapping2: %lu", GetLastError());
	v = MapViewOfFile3(s, GetCurrentProcess(), NULL, 0, 0, 0, PAGE_READONLY, &p, 1);
	CHECK(v && (ULONG_PTR)v >= LOW && !((ULONG_PTR)v & 0x3fffff) && *v == 0, "view at %p: %lu",
	      v, GetLastError());
	CHECK(UnmapViewOfFile(v), "unmap: %lu", GetLastError());
	CHECK_FAIL(MapViewOfFile3(s, NULL, NULL, 0, 0, 0, PAGE_READWRITE, NULL, 0), NULL,
		   ERROR_ACCESS_DENIED);        /* the handle was asked for FILE_MAP_READ */
	CHECK_FAIL(MapViewOfFile3(s, NULL, (PVOID)LOW, 0, 0, 0, PAGE_READONLY, &p, 1), NULL,
		   ERROR_INVALID_PARAMETER);
	CloseHandle(s);
	numa.Type = MemSectionExtendedParameterNumaNode;
	numa.ULong = 0;
	w = CreateFileMapping2(INVALID_HANDLE_VALUE, NULL, FILE_MAP_ALL_ACCESS, PAGE_READWRITE,
			       SEC_RESERVE, 0x20000, L"placed-section", &numa, 1);
	CHECK(w != NULL, "CreateFileMapping2 with a node: %lu", GetLastError());
	CloseHandle(w);
	numa.ULong = 2;
	CHECK_FAIL(CreateFileMapping2(INVALID_HANDLE_VALUE, NULL, FILE_MAP_ALL_ACCESS,
				      PAGE_READWRITE, SEC_COMMIT, 0x20000, NULL, &numa, 1), NULL,
		   ERROR_INVALID_PARAMETER);
}

int main(void)
{
	placed();
	refused();
	numa_and_requirements();
	view_placed();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures;
}
