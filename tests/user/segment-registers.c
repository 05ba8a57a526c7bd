/* Ring 3 may leave any selector it can load in DS, ES, FS and GS. The kernel
 * keeps a flat one it finds there instead of reloading it (a segment load is
 * slow), so this proves the other cases: with a null or code selector in DS or
 * ES a system call still reads its arguments and writes its results, and
 * every segment register comes back to ring 3 as ring 3 left it, across a
 * system call, a page fault and a timer interrupt. (QEMU's TCG does not fault
 * a data access through a null or code selector as the CPU does, so under
 * TCG only the second half can fail; the first guards real hardware.) */
#include <stdint.h>
#include <windows.h>
#include "vados/calls.h"

#define TEST_NAME "segment-registers"
#include "check.h"

#define SEL_NULL  0x00u
#define SEL_UCODE 0x1bu         /* ring 3 code, readable: loadable into DS */
#define SEL_UDATA 0x23u         /* ring 3 data: what the runtime runs with */
#define SEL_UDATA_RPL0 0x20u    /* the same descriptor with RPL 0 */

struct segs {
	uint32_t ds, es, fs, gs;
};

/* VirtualQuery of addr through a raw system call made with DS = ds and
 * ES = es (FS and GS as given); returns the call's error and the selectors
 * found on return. The kernel must copy the arguments in and the region out
 * with its own segments. */
static uint32_t query_with(uint32_t ds, uint32_t es, uint32_t fs, uint32_t gs,
			   const void *addr, struct vados_region *out, struct segs *seen)
{
	uint32_t args[4] = { (uint32_t)GetCurrentProcess(), (uint32_t)addr, (uint32_t)out,
			     sizeof(*out) };
	uint32_t error, value, s_ds, s_es, s_fs, s_gs;

	asm volatile("movw %w[ds], %%ds\n\t"
		     "movw %w[es], %%es\n\t"
		     "movw %w[fs], %%fs\n\t"
		     "movw %w[gs], %%gs\n\t"
		     "int $0x2e\n\t"
		     "movl %%ds, %%ecx\n\t"
		     "movl %%es, %%ebx\n\t"
		     "movl %%fs, %%esi\n\t"
		     "movl %%gs, %%edi\n\t"
		     "pushl %%eax\n\t"
		     "movl %[flat], %%eax\n\t"
		     "movw %%ax, %%ds\n\t"
		     "movw %%ax, %%es\n\t"
		     "xorl %%eax, %%eax\n\t"
		     "movw %%ax, %%fs\n\t"
		     "movw %%ax, %%gs\n\t"
		     "popl %%eax"
		     : "=a"(error), "=d"(value), "=c"(s_ds), "=b"(s_es), "=S"(s_fs), "=D"(s_gs)
		     : "a"(SYS_VIRTUAL_QUERY), "d"(args), [ds] "c"(ds), [es] "b"(es),
		       [fs] "S"(fs), [gs] "D"(gs), [flat] "i"(SEL_UDATA)
		     : "memory");
	(void)value;
	*seen = (struct segs){ s_ds & 0xffff, s_es & 0xffff, s_fs & 0xffff, s_gs & 0xffff };
	return error;
}

static void syscall_case(const char *what, struct segs in)
{
	static int target;
	struct vados_region r = { 0 };
	struct segs seen;
	uint32_t error = query_with(in.ds, in.es, in.fs, in.gs, &target, &r, &seen);

	CHECK(error == 0, "%s: VirtualQuery failed with error %u", what, error);
	CHECK(r.base == ((uint32_t)&target & ~0xfffu) && r.size >= 4096,
	      "%s: region base 0x%x size 0x%x", what, r.base, r.size);
	CHECK(seen.ds == in.ds && seen.es == in.es && seen.fs == in.fs && seen.gs == in.gs,
	      "%s: ds/es/fs/gs came back %x/%x/%x/%x, went in %x/%x/%x/%x", what, seen.ds,
	      seen.es, seen.fs, seen.gs, in.ds, in.es, in.fs, in.gs);
}

/* FS and GS hold fs and gs while a fresh page is written (a demand-zero
 * fault) and while the process sleeps (timer interrupts, a reschedule);
 * returns them as read afterwards. */
static struct segs fault_and_sleep_with(uint32_t fs, uint32_t gs)
{
	volatile char *page = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	uint32_t s_fs, s_gs;

	CHECK(page != NULL, "VirtualAlloc failed: %lu", GetLastError());
	asm volatile("movw %w0, %%fs\n\tmovw %w1, %%gs" : : "r"(fs), "r"(gs));
	page[100] = 1;
	Sleep(30);
	asm volatile("movl %%fs, %0\n\tmovl %%gs, %1" : "=r"(s_fs), "=r"(s_gs));
	asm volatile("movw %w0, %%fs\n\tmovw %w0, %%gs" : : "r"(0));
	VirtualFree((void *)page, 0, MEM_RELEASE);
	return (struct segs){ 0, 0, s_fs & 0xffff, s_gs & 0xffff };
}

int main(void)
{
	static const struct {
		const char *what;
		struct segs in;
	} cases[] = {
		{ "flat", { SEL_UDATA, SEL_UDATA, SEL_NULL, SEL_NULL } },
		{ "null ES", { SEL_UDATA, SEL_NULL, SEL_NULL, SEL_NULL } },
		{ "null DS", { SEL_NULL, SEL_UDATA, SEL_NULL, SEL_NULL } },
		{ "null DS and ES", { SEL_NULL, SEL_NULL, SEL_UDATA, SEL_UDATA } },
		{ "code selector in DS and ES", { SEL_UCODE, SEL_UCODE, SEL_NULL, SEL_NULL } },
		{ "RPL 0 data selector", { SEL_UDATA_RPL0, SEL_UDATA_RPL0, SEL_UDATA_RPL0, SEL_NULL } },
	};
	struct segs after;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		syscall_case(cases[i].what, cases[i].in);
	after = fault_and_sleep_with(SEL_UDATA, SEL_UCODE);
	CHECK(after.fs == SEL_UDATA && after.gs == SEL_UCODE,
	      "after a fault and a sleep fs/gs = %x/%x, want %x/%x", after.fs, after.gs, SEL_UDATA,
	      SEL_UCODE);
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
