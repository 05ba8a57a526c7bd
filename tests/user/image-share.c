/* Image sections: every process of a program shares its image. This
 * program carries 1 MB of code-section bytes; 16 children of it running at
 * once (each having read all of it) cost a few of their own pages each, not
 * 1 MB (GlobalMemoryStatusEx, the memory manager's image-read counter); the
 * children see the data as the file has it, not as the parent wrote it, and
 * the parent never sees theirs (copy-on-write); a write to code kills the
 * writer alone (STATUS_ACCESS_VIOLATION); VirtualQuery shows MEM_IMAGE with
 * each part's protection, AllocationBase the image base (GetModuleHandleA(NULL))
 * and AllocationProtect PAGE_EXECUTE_WRITECOPY; GetMappedFileNameA names the
 * program; PrivateUsage leaves the shared pages out. With a FAT volume
 * (C:\BIN holds the programs) a copy run from its file cannot be opened for
 * writing (ERROR_SHARING_VIOLATION) or deleted (ERROR_ACCESS_DENIED) while it
 * runs, and can afterwards; CreateFileMappingA(SEC_IMAGE) on that copy
 * while it runs maps the loader's own image section (no page read again),
 * whole, as MEM_IMAGE with each part's protection and the contents
 * relocated for the section's base; a file that is no program is
 * ERROR_BAD_EXE_FORMAT. "pressure": the image's pages leave memory when
 * trimmed without a write to swap and come back from the file. Every run
 * checks an address the kernel relocated (the image moves under ASLR) that
 * straddles two read-only pages, reading its second page first: each page
 * is fixed as it is read in (and read again after "pressure").
 *
 * Roles: no argument (the parent), "pressure", and the children "hold
 * SEMAPHORE EVENT" and "write-code". Last line "image-share: N failures". */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <psapi.h>
#include <vados/calls.h>
#include "image_base.h"

#define TEST_NAME "image-share"
#include "check.h"

#define BIG      (1u << 20)
#define PAGE     4096u
#define CHILDREN 16
#define COPY     "C:\\IMGSHARE.EXE"

/* The generated "code": 1 MB in the text segment (execute-read), in the file. */
__attribute__((section(".text.big"))) const unsigned char big[BIG] = { 0x5a, 0xa5, 0x3c };
static int data_word = 1234;            /* .data: copy-on-write */
static char zeroes[2 * PAGE];           /* .bss: demand-zero, private */
static const char motto[] = "one frame per page, however many run it";

/* An address (a relocation) across the edge of two pages of .rodata. */
struct __attribute__((packed)) straddle {
	char pad[PAGE - 2];
	const char *split;
};
static const struct straddle straddle __attribute__((aligned(PAGE))) = { .split = motto };

/* Whether straddle.split is motto's address, its bytes read from the last
 * (on the second page) to the first. */
static BOOL split_fixed(void)
{
	volatile const unsigned char *b = (volatile const unsigned char *)&straddle.split;
	DWORD v = 0;

	for (int i = 3; i >= 0; i--)
		v = v << 8 | b[i];
	return v == (DWORD)motto;
}

/* Reads a byte of every page of big: all of it in this working set. */
static unsigned touch_big(void)
{
	unsigned sum = 0;

	for (unsigned i = 0; i < BIG; i += PAGE)
		sum += ((volatile const unsigned char *)big)[i];
	return sum;
}

static DWORDLONG avail(void)
{
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };

	GlobalMemoryStatusEx(&m);
	return m.ullAvailPhys;
}

/* Starts this program (or path) with args; its process handle, NULL on failure. */
static HANDLE start(const char *path, const char *args)
{
	char line[160];
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;

	snprintf(line, sizeof(line), "image-share %s", args);
	if (!CreateProcessA(path, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		CHECK(0, "CreateProcessA(%s): %lu", line, GetLastError());
		return NULL;
	}
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static DWORD finish(HANDLE h)
{
	DWORD code = 1;

	WaitForSingleObject(h, INFINITE);
	GetExitCodeProcess(h, &code);
	CloseHandle(h);
	return code;
}

/* A child that reads its image, says so and waits: its failures. */
static int hold(HANDLE ready, HANDLE go)
{
	CHECK(data_word == 1234, "data as in the file: %d", data_word);
	CHECK(touch_big() == 0x5a && zeroes[PAGE] == 0 && split_fixed(), "image contents");
	data_word = (int)GetCurrentProcessId();
	zeroes[PAGE] = 1;
	ReleaseSemaphore(ready, 1, NULL);
	WaitForSingleObject(go, INFINITE);
	CHECK(data_word == (int)GetCurrentProcessId(), "own data kept: %d", data_word);
	return failures;
}

/* VirtualQuery's view of the image, and GetMappedFileNameA's. */
static void check_query(const char *name)
{
	MEMORY_BASIC_INFORMATION m;
	char file[MAX_PATH];
	void *priv = VirtualAlloc(NULL, PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	/* A page of .bss no other variable shares, not written yet. */
	char *fresh = (char *)(((DWORD)zeroes + PAGE - 1) & ~(PAGE - 1));

	VirtualQuery(big, &m, sizeof(m));
	CHECK(m.Type == MEM_IMAGE && m.State == MEM_COMMIT && m.Protect == PAGE_EXECUTE_READ,
	      "code: type 0x%lx protect 0x%lx", m.Type, m.Protect);
	CHECK(m.AllocationBase == (void *)GetModuleHandleA(NULL) &&
	      m.AllocationProtect == PAGE_EXECUTE_WRITECOPY, "base %p, allocation protect 0x%lx",
	      m.AllocationBase, m.AllocationProtect);
	VirtualQuery(motto, &m, sizeof(m));
	CHECK(m.Type == MEM_IMAGE && m.Protect == PAGE_READONLY, "rodata: 0x%lx", m.Protect);
	VirtualQuery(fresh, &m, sizeof(m));
	CHECK(m.Type == MEM_IMAGE && m.Protect == PAGE_WRITECOPY, "data before a write: 0x%lx",
	      m.Protect);
	*fresh = 1;
	VirtualQuery(fresh, &m, sizeof(m));
	CHECK(m.Protect == PAGE_READWRITE, "data written: 0x%lx", m.Protect);
	data_word = 99;
	CHECK(GetMappedFileNameA(GetCurrentProcess(), (void *)big, file, sizeof(file)) ==
	      strlen(name) && strcmp(file, name) == 0, "mapped file name: %s", file);
	SetLastError(0);
	CHECK(GetMappedFileNameA(GetCurrentProcess(), priv, file, sizeof(file)) == 0 &&
	      GetLastError() == ERROR_UNEXP_NET_ERR, "private memory: %lu", GetLastError());
	VirtualFree(priv, 0, MEM_RELEASE);
}

/* 16 children at once: their image costs nothing more than the parent's. */
static void check_sharing(const char *path)
{
	HANDLE ready = CreateSemaphoreA(NULL, 0, CHILDREN, NULL);
	HANDLE go = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE kids[CHILDREN];
	PROCESS_MEMORY_COUNTERS_EX pc = { 0 };
	char args[64];
	struct vados_mm_counters c0, c1;
	DWORDLONG a0, a1;

	SetHandleInformation(ready, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	SetHandleInformation(go, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	snprintf(args, sizeof(args), "hold %lu %lu", (DWORD)ready, (DWORD)go);
	touch_big();
	a0 = avail();
	c0 = vados_mm_counters();
	for (int i = 0; i < CHILDREN; i++)
		kids[i] = start(path, args);
	for (int i = 0; i < CHILDREN; i++)
		CHECK(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "child %d not ready", i);
	a1 = avail();
	c1 = vados_mm_counters();
	printf("image-share: %d processes of %s: %llu KB of frames in all, %u image pages read\n",
	       CHILDREN, path ? path : "the boot module", (a0 - a1) / 1024,
	       c1.image_faults - c0.image_faults);
	CHECK(a0 - a1 < (path ? 6 : 4) * BIG, "frames: %llu KB for %d processes", (a0 - a1) / 1024, CHILDREN);
	/* From a file, the first child reads the program once (the parent runs
	 * the boot module): big and the rest of the program, some 22 pages of
	 * code and data with the C library; a boot module's pages are all in
	 * already. */
	CHECK(c1.image_faults - c0.image_faults < (path ? BIG / PAGE + 32 : 8),
	      "image pages read: %u", c1.image_faults - c0.image_faults);
	CHECK(kids[0] && GetProcessMemoryInfo(kids[0], (PROCESS_MEMORY_COUNTERS *)&pc, sizeof(pc)) &&
	      pc.PrivateUsage < BIG / 4, "a child's PrivateUsage: %lu", (DWORD)pc.PrivateUsage);
	CHECK(data_word == 99, "the parent's data: %d", data_word);
	SetEvent(go);
	for (int i = 0; i < CHILDREN; i++)
		CHECK(kids[i] && finish(kids[i]) == 0, "child %d failed", i);
	CloseHandle(ready);
	CloseHandle(go);
}

/* Each part of image view v (VirtualQuery): MEM_IMAGE, allocated
 * PAGE_EXECUTE_WRITECOPY; the protections seen, a bit each (code 1,
 * read-only 2, data 4). */
static DWORD image_parts(const unsigned char *v)
{
	MEMORY_BASIC_INFORMATION q;
	DWORD seen = 0;

	for (const unsigned char *p = v; VirtualQuery(p, &q, sizeof(q)) && q.AllocationBase == v;
	     p += q.RegionSize) {
		CHECK(q.Type == MEM_IMAGE && q.AllocationProtect == PAGE_EXECUTE_WRITECOPY,
		      "image view at %p: type 0x%lx", p, q.Type);
		seen |= q.Protect == PAGE_EXECUTE_READ ? 1 : q.Protect == PAGE_READONLY ? 2 :
			q.Protect == PAGE_WRITECOPY ? 4 : 0;
	}
	return seen;
}

/* A second view of image section m, whose base the first view v holds:
 * elsewhere (Windows' "image not at base"), the same pages, relocated for
 * the section's base (split, at offset at), not for the view's place. */
static void check_second_view(HANDLE m, const unsigned char *v, DWORD split, DWORD at)
{
	unsigned char *w = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
	DWORD again = 0;

	CHECK(w && w != v && image_parts(w) == 7, "a second image view: %p (%lu)", (void *)w,
	      GetLastError());
	if (w)
		memcpy(&again, w + at, 4);
	CHECK(again == split, "the second view's relocated word: 0x%08lx, not 0x%08lx", again, split);
	CHECK(!w || UnmapViewOfFile(w), "unmap the second view: %lu", GetLastError());
}

/* CreateFileMappingA(SEC_IMAGE) of the copy process kid runs (having read
 * all of big): the same image section, its pages shared. */
static void check_image_mapping(HANDLE kid)
{
	DWORD me = (DWORD)GetModuleHandleA(NULL), kid_base = image_base_of(kid), split = 0;
	HANDLE f = CreateFileA(COPY, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	HANDLE m = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
	struct vados_mm_counters c0 = vados_mm_counters(), c1;
	unsigned char *v = m ? MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0) : NULL;
	unsigned sum = 0;

	CHECK(v != NULL, "a SEC_IMAGE view: %lu", GetLastError());
	for (unsigned i = 0; v && i < BIG; i += PAGE)
		sum += v[(DWORD)big - me + i];
	c1 = vados_mm_counters();
	CHECK(!v || (sum == 0x5a && c1.image_faults - c0.image_faults < 8),
	      "big through the view: sum 0x%x, %u image pages read", sum,
	      c1.image_faults - c0.image_faults);
	CHECK(!v || (memcmp(v, "\177ELF", 4) == 0 && image_parts(v) == 7), "the view's parts");
	if (v)
		memcpy(&split, v + ((DWORD)&straddle.split - me), 4);
	CHECK(kid_base && split == kid_base + ((DWORD)motto - me),
	      "relocated for the section's base 0x%08lx: 0x%08lx", kid_base, split);
	printf("image-share: SEC_IMAGE view of %s at 0x%08lx, the running copy's image at 0x%08lx, "
	       "%u image pages read\n", COPY, (DWORD)v, kid_base, c1.image_faults - c0.image_faults);
	check_second_view(m, v, split, (DWORD)&straddle.split - me);
	SetLastError(0);
	CHECK(!MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0) && GetLastError() == ERROR_ACCESS_DENIED,
	      "FILE_MAP_WRITE of an image: %lu", GetLastError());
	CHECK(!v || UnmapViewOfFile(v), "unmap: %lu", GetLastError());
	CloseHandle(m);
	SetLastError(0);
	CHECK(!CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE | SEC_COMMIT, 0, 0, NULL) &&
	      GetLastError() == ERROR_INVALID_PARAMETER, "SEC_IMAGE | SEC_COMMIT: %lu",
	      GetLastError());
	CloseHandle(f);
}

/* CreateFileMappingA(SEC_IMAGE) of a file that is no program. */
static void check_not_an_image(void)
{
	HANDLE f = CreateFileA("C:\\NOTEXE.TXT", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	DWORD n;

	CHECK(WriteFile(f, "no program", 10, &n, NULL), "write: %lu", GetLastError());
	CloseHandle(f);
	f = CreateFileA("C:\\NOTEXE.TXT", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	SetLastError(0);
	CHECK(!CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL) &&
	      GetLastError() == ERROR_BAD_EXE_FORMAT, "SEC_IMAGE of a text file: %lu",
	      GetLastError());
	CloseHandle(f);
	CHECK(DeleteFileA("C:\\NOTEXE.TXT"), "delete: %lu", GetLastError());
}

/* A program file in use: no writing, no deleting; afterwards both. */
static void check_file_rules(void)
{
	HANDLE ready = CreateSemaphoreA(NULL, 0, 1, NULL), go = CreateEventA(NULL, TRUE, FALSE, NULL);
	HANDLE kid, f;
	char args[64];

	CHECK(CopyFileA("C:\\BIN\\image-share.exe", COPY, FALSE), "copy: %lu", GetLastError());
	SetHandleInformation(ready, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	SetHandleInformation(go, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	snprintf(args, sizeof(args), "hold %lu %lu", (DWORD)ready, (DWORD)go);
	kid = start(COPY, args);
	CHECK(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "the program from disk");
	f = CreateFileA(COPY, GENERIC_WRITE, 7, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(f == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
	      "opened for writing while it runs: %lu", GetLastError());
	CHECK(!DeleteFileA(COPY) && GetLastError() == ERROR_ACCESS_DENIED,
	      "deleted while it runs: %lu", GetLastError());
	f = CreateFileA(COPY, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(f != INVALID_HANDLE_VALUE, "read while it runs: %lu", GetLastError());
	CloseHandle(f);
	check_image_mapping(kid);
	SetEvent(go);
	CHECK(kid && finish(kid) == 0, "the program from disk failed");
	f = CreateFileA(COPY, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	CHECK(f != INVALID_HANDLE_VALUE, "opened for writing after: %lu", GetLastError());
	CloseHandle(f);
	CHECK(DeleteFileA(COPY), "deleted after: %lu", GetLastError());
	CloseHandle(ready);
	CloseHandle(go);
}

/* Trimmed image pages are dropped, not written to swap, and read again. */
static void pressure(void)
{
	struct vados_mm_counters c0, c1, c2;
	MEMORYSTATUSEX m = { .dwLength = sizeof(m) };
	SIZE_T n;
	char *p;

	touch_big();
	c0 = vados_mm_counters();
	EmptyWorkingSet(GetCurrentProcess());
	c1 = vados_mm_counters();
	CHECK(c1.clean_pages_dropped - c0.clean_pages_dropped >= BIG / PAGE,
	      "image pages dropped: %u", c1.clean_pages_dropped - c0.clean_pages_dropped);
	CHECK(c1.swap_pages_written - c0.swap_pages_written < 64, "pages written to swap: %u",
	      c1.swap_pages_written - c0.swap_pages_written);
	GlobalMemoryStatusEx(&m);
	n = (SIZE_T)m.ullTotalPhys;     /* every standby page gets used */
	p = VirtualAlloc(NULL, n, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	CHECK(p != NULL, "%lu bytes: %lu", (DWORD)n, GetLastError());
	for (SIZE_T i = 0; p && i < n; i += PAGE)
		p[i] = 1;
	VirtualFree(p, 0, MEM_RELEASE);
	CHECK(split_fixed(), "the relocation across a page edge, read again");
	CHECK(touch_big() == 0x5a && strcmp(motto, "one frame per page, however many run it") == 0,
	      "image read back");
	c2 = vados_mm_counters();
	CHECK(c2.image_faults - c1.image_faults >= BIG / PAGE / 2, "image pages read: %u",
	      c2.image_faults - c1.image_faults);
	printf("image-share: pressure: %u image pages dropped, %u read again\n",
	       c1.clean_pages_dropped - c0.clean_pages_dropped, c2.image_faults - c1.image_faults);
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "hold") == 0)
		return hold((HANDLE)strtoul(argv[2], NULL, 0), (HANDLE)strtoul(argv[3], NULL, 0));
	if (argc == 2 && strcmp(argv[1], "write-code") == 0) {
		*(volatile unsigned char *)big = 0;
		return 1;
	}
	if (argc == 2 && strcmp(argv[1], "pressure") == 0) {
		pressure();
	} else {
		CHECK(split_fixed(), "the relocation across a page edge");
		check_query("image-share");
		check_sharing(NULL);
		CHECK(finish(start(NULL, "write-code")) == EXCEPTION_ACCESS_VIOLATION,
		      "a write to code");
		CHECK(touch_big() == 0x5a, "the code after another process wrote to it");
		if (GetFileAttributesA("C:\\BIN\\image-share.exe") != INVALID_FILE_ATTRIBUTES) {
			check_sharing("C:\\BIN\\image-share.exe");
			check_file_rules();
			check_not_an_image();
		}
	}
	printf("image-share: %d failures\n", failures);
	return failures != 0;
}
