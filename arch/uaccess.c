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

/* rep movsl, then rep movsb for the tail, under fix-ups: a fault stops the
 * copy and reports it. Words, as memcpy: under QEMU's emulation a string
 * step costs the same for four bytes as for one. */
static bool copy_guarded(void *dst, const void *src, size_t n)
{
	uint32_t trapped;
	size_t words = n / 4, tail = n % 4;

	user_access_begin();
	asm volatile("1: rep movsl\n\t"
		     "movl %5, %%ecx\n\t"
		     "2: rep movsb\n\t"
		     "3:\n\t"
		     EXTABLE_ENTRY("1b", "3b")
		     EXTABLE_ENTRY("2b", "3b")
		     : "=a"(trapped), "+D"(dst), "+S"(src), "+c"(words)
		     : "0"(EXTABLE_NO_TRAP), "rm"(tail)
		     : "edx", "memory");
	user_access_end();
	return trapped == EXTABLE_NO_TRAP;
}

bool copy_from_user(void *dst, vaddr_t src, size_t n)
{
	return user_range(src, n) && copy_guarded(dst, (const void *)src, n);
}

bool copy_to_user(vaddr_t dst, const void *src, size_t n)
{
	return user_range(dst, n) && copy_guarded((void *)dst, src, n);
}
