/* Frame-pointer backtraces; see kernel/rtl/panic.h. */
#include "kernel/rtl/panic.h"
#include "kernel/rtl/console.h"
#include "kernel/rtl/ksym.h"
#include "arch/extable.h"

#define BACKTRACE_SHOWN 24     /* distinct frames printed */
#define BACKTRACE_WALKED 4096  /* frames followed, so deep recursion is counted */

/* Return addresses are symbolized one byte back, inside the call instruction,
 * so a call that ends a function still names that function. */
static void print_frame(int depth, uint32_t addr, uint32_t bias)
{
	uint32_t off;
	const char *name = ksym_lookup(addr - bias, &off);

	if (name)
		kprintf("  #%-2d 0x%08x %s+0x%x\n", depth, addr, name, off + bias);
	else
		kprintf("  #%-2d 0x%08x ?\n", depth, addr);
}

/* Prints how often the last frame repeated (recursion), if it did. */
static void flush_repeats(uint32_t repeats)
{
	if (repeats)
		kprintf("  ... the frame above repeats %u more times\n", repeats);
}

void backtrace_print(uint32_t eip, uint32_t ebp)
{
	uint32_t walked = 0, shown = 0, repeats = 0, last = 0;

	kprintf("backtrace:\n");
	print_frame(shown++, eip, 0);
	for (; ebp && walked < BACKTRACE_WALKED; walked++) {
		uint32_t next, ret;
		if ((ebp & 3) || ebp < KERNEL_BASE || !safe_read32(ebp, &next) ||
		    !safe_read32(ebp + 4, &ret)) {
			flush_repeats(repeats);
			kprintf("  (frame pointer 0x%08x is not readable)\n", ebp);
			return;
		}
		if (ret == 0)
			break;
		if (ret == last) {
			repeats++;
		} else if (shown < BACKTRACE_SHOWN) {
			flush_repeats(repeats);
			repeats = 0;
			print_frame(shown++, ret, 1);
		}
		last = ret;
		if (next && next <= ebp) {
			kprintf("  (frame pointer 0x%08x does not ascend)\n", next);
			break;
		}
		ebp = next;
	}
	flush_repeats(repeats);
	if (shown == BACKTRACE_SHOWN || walked == BACKTRACE_WALKED)
		kprintf("  ... (deeper frames not shown)\n");
}
