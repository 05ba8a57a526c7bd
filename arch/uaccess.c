/* User-memory copies with exception fix-ups and SMAP brackets; see arch/uaccess.h. */
#include "arch/uaccess.h"
#include "arch/cpu.h"
#include "arch/extable.h"

static bool user_range(vaddr_t start, size_t n)
{
	return start < UACCESS_USER_END && n <= UACCESS_USER_END - start;
}

/* stac/clac exist only on CPUs with SMAP; elsewhere user pages are reachable
 * anyway and the brackets are no-ops. */
static void user_access_begin(void)
{
	if (cpu_info.features & CPU_SMAP)
		asm volatile("stac" ::: "memory");
}

static void user_access_end(void)
{
	if (cpu_info.features & CPU_SMAP)
		asm volatile("clac" ::: "memory");
}

/* A guarded 32-bit load at offset off from %esi into reg, and a guarded
 * store of reg at off from %edi (a fault on either resumes at 3: below). */
#define GUARDED_LOAD(off, reg)                                \
	"10" off ": movl " off "(%%esi), %%" reg "\n\t"       \
	EXTABLE_ENTRY("10" off "b", "3f")
#define GUARDED_STORE(off, reg)                               \
	"11" off ": movl %%" reg ", " off "(%%edi)\n\t"       \
	EXTABLE_ENTRY("11" off "b", "3f")

/* 16 bytes from %esi + off into four registers, then to %edi + off. */
#define GUARDED_MOVE16(o0, o1, o2, o3)                                        \
	GUARDED_LOAD(o0, "eax") GUARDED_LOAD(o1, "ebx")                        \
	GUARDED_LOAD(o2, "ecx") GUARDED_LOAD(o3, "edx")                        \
	GUARDED_STORE(o0, "eax") GUARDED_STORE(o1, "ebx")                      \
	GUARDED_STORE(o2, "ecx") GUARDED_STORE(o3, "edx")

/* 32-byte blocks by moves unrolled in one loop, then rep movsl and rep movsb
 * for the rest, under fix-ups: a fault stops the copy and reports it.
 * Under QEMU's emulation every step of a string instruction is a pass of
 * its own through the translated code, so a page copied by rep movsl costs
 * a thousand passes, by the loop 128. The loop loads four words before it
 * stores them: QEMU's TLB is direct-mapped, and when the source and the
 * destination pages fall on the same entry (measured: one 64 KB read in 32
 * with 512 entries; one in four with the 64 QEMU may shrink it to), every
 * switch between them swaps the entry with the victim TLB; moving a
 * word at a time switched twice per word, this switches twice per 16
 * bytes. %ebp counts the blocks (saved around: it is the frame pointer).
 * The caller has opened the SMAP window (user_access_begin). */
static bool copy_guarded_open(void *dst, const void *src, size_t n)
{
	uint32_t trapped = EXTABLE_NO_TRAP, blocks = n / 32;
	size_t words = n % 32 / 4, tail = n % 4;

	if (blocks)
		asm volatile("pushl %%ebp\n\t"
			     "movl %%eax, %%ebp\n\t"
			     "4:\n\t"
			     GUARDED_MOVE16("0", "4", "8", "12")
			     GUARDED_MOVE16("16", "20", "24", "28")
			     "addl $32, %%esi\n\t"
			     "addl $32, %%edi\n\t"
			     "decl %%ebp\n\t"
			     "jnz 4b\n\t"
			     "movl %4, %%eax\n\t"
			     "3:\n\t"
			     "popl %%ebp\n\t"
			     : "=a"(trapped), "+D"(dst), "+S"(src)
			     : "0"(blocks), "i"(EXTABLE_NO_TRAP)
			     : "ebx", "ecx", "edx", "memory", "cc");
	if (trapped == EXTABLE_NO_TRAP)
		asm volatile("1: rep movsl\n\t"
			     "movl %5, %%ecx\n\t"
			     "2: rep movsb\n\t"
			     "3:\n\t"
			     EXTABLE_ENTRY("1b", "3b")
			     EXTABLE_ENTRY("2b", "3b")
			     : "=a"(trapped), "+D"(dst), "+S"(src), "+c"(words)
			     : "0"(EXTABLE_NO_TRAP), "rm"(tail)
			     : "edx", "memory");
	return trapped == EXTABLE_NO_TRAP;
}

/* copy_guarded_open in a window of its own. */
static bool copy_guarded(void *dst, const void *src, size_t n)
{
	bool ok;

	user_access_begin();
	ok = copy_guarded_open(dst, src, n);
	user_access_end();
	return ok;
}

bool copy_from_user(void *dst, vaddr_t src, size_t n)
{
	return user_range(src, n) && copy_guarded(dst, (const void *)src, n);
}

bool copy_to_user(vaddr_t dst, const void *src, size_t n)
{
	return user_range(dst, n) && copy_guarded((void *)dst, src, n);
}

/* probe_user's touch of the byte at p, the SMAP window open: false if it
 * faulted. */
static bool probe_byte_open(vaddr_t p, bool write)
{
	uint32_t trapped = EXTABLE_NO_TRAP;

	if (write)
		asm volatile("1: lock orb $0, (%1)\n\t"
			     "2:\n\t"
			     EXTABLE_ENTRY("1b", "2b")
			     : "+a"(trapped) : "r"(p) : "ecx", "edx", "memory", "cc");
	else
		asm volatile("1: movb (%1), %%cl\n\t"
			     "2:\n\t"
			     EXTABLE_ENTRY("1b", "2b")
			     : "+a"(trapped) : "r"(p) : "ecx", "edx", "memory");
	return trapped == EXTABLE_NO_TRAP;
}

bool probe_user(vaddr_t user, size_t n, bool write)
{
	vaddr_t p = user, last = user + n - 1;
	bool ok;

	if (n == 0)
		return true;
	if (!user_range(user, n))
		return false;
	user_access_begin();
	while ((ok = probe_byte_open(p, write)) && (p | (PAGE_SIZE - 1)) < last)
		p = (p | (PAGE_SIZE - 1)) + 1;
	user_access_end();
	return ok;
}

uint32_t copy_pieces_user(vaddr_t user, const struct uaccess_piece *p, uint32_t n, bool to_user)
{
	uint32_t k;

	user_access_begin();
	for (k = 0; k < n; user += p[k].len, k++) {
		if (!user_range(user, p[k].len))
			break;
		if (!(to_user ? copy_guarded_open((void *)user, p[k].kernel, p[k].len)
			      : copy_guarded_open(p[k].kernel, (const void *)user, p[k].len)))
			break;
	}
	user_access_end();
	return k;
}
