/* Host unit tests for arch/selectors.h: selector slots whose upper halves are
 * junk, as a CPU that pushes a segment register as 16 bits into a 32-bit
 * slot leaves them (Bochs does; so did every continue it refused). */
#include <stdint.h>
#include <string.h>
#include "arch/selectors.h"
#include "tests/host/check.h"

#define JUNK 0xa5a5a5a5u

/* Stores a 16-bit selector into a 32-bit slot the way a 16-bit push does:
 * the low half only, the upper half keeps the stack's old contents. */
static void push16(uint32_t *slot, uint16_t sel)
{
	memcpy(slot, &sel, sizeof(sel));        /* x86 and the host: little-endian */
}

/* A ring-3 trap frame as such a CPU and arch/isr.asm build it over a stack
 * full of junk. */
static struct trap_frame junk_user_frame(void)
{
	struct trap_frame f;

	memset(&f, 0xa5, sizeof(f));
	push16(&f.gs, 0), push16(&f.fs, SEL_UDATA), push16(&f.es, SEL_UDATA);
	push16(&f.ds, SEL_UDATA), push16(&f.cs, SEL_UCODE), push16(&f.user_ss, SEL_UDATA);
	return f;
}

static struct user_selectors ring3(uint32_t upper)
{
	return (struct user_selectors){ SEL_UCODE | upper, SEL_UDATA | upper, SEL_UDATA | upper,
					SEL_UDATA | upper, SEL_UDATA | upper, upper };
}

TEST(a_slot_holds_its_low_16_bits)
{
	CHECK_EQ_U(selector_of(0xdead0023u), 0x23);
	CHECK_EQ_U(selector_of(0xffffffffu), 0xffff);
	CHECK_EQ_U(selector_of(0x0001001bu), 0x1b);
	CHECK_EQ_U(selector_of(0), 0);
}

TEST(a_frame_from_16_bit_pushes_comes_out_exact)
{
	struct trap_frame f = junk_user_frame();

	CHECK(f.ds != SEL_UDATA);               /* the bug's precondition */
	trap_frame_clean_selectors(&f);
	CHECK_EQ_U(f.gs, 0);
	CHECK_EQ_U(f.fs, SEL_UDATA);
	CHECK_EQ_U(f.es, SEL_UDATA);
	CHECK_EQ_U(f.ds, SEL_UDATA);
	CHECK_EQ_U(f.cs, SEL_UCODE);
	CHECK_EQ_U(f.user_ss, SEL_UDATA);
	CHECK_EQ_U(f.eip, JUNK);                /* nothing but selectors changes */
	CHECK_EQ_U(f.user_esp, JUNK);
	CHECK_EQ_U(f.eflags, JUNK);
}

TEST(a_kernel_frame_leaves_the_slot_past_its_end_alone)
{
	struct trap_frame f = junk_user_frame();

	push16(&f.cs, SEL_KCODE);
	f.user_ss = JUNK;                       /* the interrupted kernel's stack */
	trap_frame_clean_selectors(&f);
	CHECK_EQ_U(f.cs, SEL_KCODE);
	CHECK_EQ_U(f.user_ss, JUNK);
	CHECK(!trap_from_user(&f));
}

TEST(a_cleaned_frame_continues_unchanged)
{
	struct trap_frame f = junk_user_frame();
	struct user_selectors s;

	trap_frame_clean_selectors(&f);
	s = (struct user_selectors){ f.cs, f.user_ss, f.ds, f.es, f.fs, f.gs };
	CHECK(user_selectors_check(&s));
	CHECK_EQ_U(s.cs, SEL_UCODE);
	CHECK_EQ_U(s.gs, 0);
}

TEST(junk_upper_halves_in_a_context_are_dropped_not_refused)
{
	static const uint32_t uppers[] = { 0, 0x10000u, 0xdead0000u, 0xffff0000u, JUNK & ~0xffffu };

	for (unsigned i = 0; i < sizeof(uppers) / sizeof(uppers[0]); i++) {
		struct user_selectors s = ring3(uppers[i]);

		CHECK(user_selectors_check(&s));
		CHECK_EQ_U(s.cs, SEL_UCODE);
		CHECK_EQ_U(s.ss, SEL_UDATA);
		CHECK_EQ_U(s.ds, SEL_UDATA);
		CHECK_EQ_U(s.es, SEL_UDATA);
		CHECK_EQ_U(s.fs, SEL_UDATA);
		CHECK_EQ_U(s.gs, 0);
	}
}

TEST(kernel_selectors_refused_whatever_the_upper_half)
{
	struct user_selectors s = ring3(0xdead0000u);

	s.cs = 0xdead0000u | SEL_KCODE;
	CHECK(!user_selectors_check(&s));
	s = ring3(0xffff0000u), s.ss = 0xffff0000u | SEL_KDATA;
	CHECK(!user_selectors_check(&s));
	s = ring3(0), s.ds = SEL_KDATA;
	CHECK(!user_selectors_check(&s));
	s = ring3(0), s.es = SEL_UDATA & ~3u;   /* ring 3's segment at RPL 0 */
	CHECK(!user_selectors_check(&s));
	s = ring3(0), s.gs = SEL_TSS;
	CHECK(!user_selectors_check(&s));
}

TEST(only_fs_and_gs_may_be_null)
{
	struct user_selectors s = ring3(0x10000u);

	s.fs = 0x10000u, s.gs = 0xffff0000u;
	CHECK(user_selectors_check(&s));
	s = ring3(0), s.ds = 0;
	CHECK(!user_selectors_check(&s));
	s = ring3(0), s.ss = 0x20000u;
	CHECK(!user_selectors_check(&s));
}

TEST(code_selector_decided_by_its_low_16_bits_alone)
{
	unsigned allowed = 0;

	for (uint32_t low = 0; low <= 0xffff; low++) {
		struct user_selectors s = ring3(0);

		s.cs = (low * 0x9e3779b9u & 0xffff0000u) | low;  /* varied upper halves */
		if (user_selectors_check(&s)) {
			allowed++;
			CHECK_EQ_U(low, SEL_UCODE);
		}
	}
	CHECK_EQ_U(allowed, 1);
}

int main(void)
{
	RUN("host/selectors", a_slot_holds_its_low_16_bits);
	RUN("host/selectors", a_frame_from_16_bit_pushes_comes_out_exact);
	RUN("host/selectors", a_kernel_frame_leaves_the_slot_past_its_end_alone);
	RUN("host/selectors", a_cleaned_frame_continues_unchanged);
	RUN("host/selectors", junk_upper_halves_in_a_context_are_dropped_not_refused);
	RUN("host/selectors", kernel_selectors_refused_whatever_the_upper_half);
	RUN("host/selectors", only_fs_and_gs_may_be_null);
	RUN("host/selectors", code_selector_decided_by_its_low_16_bits_alone);
	return check_summary();
}
