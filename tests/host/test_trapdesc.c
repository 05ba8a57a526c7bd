/* Host unit tests for kernel/rtl/trapdesc.c: exception names and error-code
 * decoding. */
#include <stdint.h>
#include <stdlib.h>
#include "kernel/rtl/trapdesc.h"
#include "tests/host/check.h"

#define BUF_MAX 128

/* trap_name with a fresh buffer (static: one live result at a time). */
static const char *name_of(unsigned vector)
{
	static char buf[BUF_MAX];

	memset(buf, '#', sizeof(buf));
	return trap_name(vector, buf, sizeof(buf));
}

/* trap_describe_error into a buffer first filled with junk. */
static const char *describe(unsigned vector, uint32_t error)
{
	static char buf[BUF_MAX];

	memset(buf, '#', sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	trap_describe_error(vector, error, buf, sizeof(buf));
	return buf;
}

/* ---- names ------------------------------------------------------------------ */

TEST(exception_names)
{
	CHECK_STR(name_of(0), "#DE divide error");
	CHECK_STR(name_of(6), "#UD invalid opcode");
	CHECK_STR(name_of(8), "#DF double fault");
	CHECK_STR(name_of(13), "#GP general protection fault");
	CHECK_STR(name_of(14), "#PF page fault");
	CHECK_STR(name_of(31), "reserved (31)");
}

TEST(every_exception_has_a_distinct_name)
{
	const char *names[32];

	for (unsigned v = 0; v < 32; v++) {
		names[v] = name_of(v);
		CHECK(names[v] != NULL && names[v][0] != '\0' && strlen(names[v]) < 40);
		for (unsigned w = 0; w < v && names[v]; w++)
			CHECK(strcmp(names[v], names[w]) != 0);
	}
}

TEST(exception_name_ignores_buffer)
{
	char buf[4] = "xyz";

	CHECK_STR(trap_name(14, buf, sizeof(buf)), "#PF page fault");
	CHECK_STR(buf, "xyz");
}

TEST(irq_names)
{
	/* The PICs sit at 0x30-0x3F, as in NT: clear of the system call at 0x2E. */
	CHECK_STR(name_of(0x30), "IRQ 0");
	CHECK_STR(name_of(0x31), "IRQ 1");
	CHECK_STR(name_of(0x3e), "IRQ 14");
	CHECK_STR(name_of(0x3f), "IRQ 15");
}

TEST(other_vectors_in_hex)
{
	CHECK_STR(name_of(32), "interrupt 0x20");
	CHECK_STR(name_of(0x2e), "interrupt 0x2e");
	CHECK_STR(name_of(0x40), "interrupt 0x40");
	CHECK_STR(name_of(0x80), "interrupt 0x80");
	CHECK_STR(name_of(0xff), "interrupt 0xff");
}

TEST(name_buffer_returned_and_bounded)
{
	char *buf = malloc(5);                  /* exact size: ASan checks writes */
	const char *n = trap_name(0x3d, buf, 5);

	CHECK(n == buf);
	CHECK_STR(n, "IRQ ");
	free(buf);
}

/* ---- page faults -------------------------------------------------------------- */

TEST(page_fault_not_present_read)
{
	CHECK_STR(describe(14, 0), "not-present page on read in kernel mode");
}

TEST(page_fault_write)
{
	CHECK_STR(describe(14, 2), "not-present page on write in kernel mode");
}

TEST(page_fault_user_write_protection)
{
	CHECK_STR(describe(14, 4 | 2 | 1), "protection violation on write in user mode");
}

TEST(page_fault_user_read_protection)
{
	CHECK_STR(describe(14, 4 | 1), "protection violation on read in user mode");
}

TEST(page_fault_instruction_fetch)
{
	CHECK_STR(describe(14, 16), "not-present page on instruction fetch in kernel mode");
	/* A fetch is never a write: bit 4 decides. */
	CHECK_STR(describe(14, 16 | 2 | 1),
		  "protection violation on instruction fetch in kernel mode");
}

TEST(page_fault_reserved_bit)
{
	CHECK_STR(describe(14, 8),
		  "not-present page on read in kernel mode, reserved bit set in a paging entry");
	CHECK_STR(describe(14, 8 | 1),
		  "protection violation on read in kernel mode, "
		  "reserved bit set in a paging entry");
}

TEST(page_fault_description_truncated_safely)
{
	char *buf = malloc(10);

	trap_describe_error(14, 7, buf, 10);
	CHECK_STR(buf, "protectio");
	free(buf);
}

/* ---- selector error codes ----------------------------------------------------- */

TEST(gp_gdt_selector)
{
	CHECK_STR(describe(13, 0x1230), "selector 0x1230: GDT entry 582");
}

TEST(gp_idt_selector)
{
	CHECK_STR(describe(13, (0x0d << 3) | 2), "selector 0x006a: IDT entry 13");
	CHECK_STR(describe(13, (0xff << 3) | 6), "selector 0x07fe: IDT entry 255");
}

TEST(gp_ldt_selector)
{
	CHECK_STR(describe(13, (5 << 3) | 4), "selector 0x002c: LDT entry 5");
}

TEST(external_event_bit)
{
	CHECK_STR(describe(13, 0x1231), "selector 0x1231: GDT entry 582, external event");
	CHECK_STR(describe(13, (0x21 << 3) | 3),
		  "selector 0x010b: IDT entry 33, external event");
}

TEST(zero_error_means_no_selector)
{
	CHECK_STR(describe(13, 0), "no selector");
	CHECK_STR(describe(10, 0), "no selector");
}

TEST(selector_vectors_10_to_13)
{
	CHECK_STR(describe(10, 0x28), "selector 0x0028: GDT entry 5");
	CHECK_STR(describe(11, 0x28), "selector 0x0028: GDT entry 5");
	CHECK_STR(describe(12, 0x2c), "selector 0x002c: LDT entry 5");
	CHECK_STR(describe(13, 0xfff8), "selector 0xfff8: GDT entry 8191");
}

/* ---- vectors without a meaningful error code ------------------------------------ */

TEST(no_decoding_for_other_vectors)
{
	static const unsigned vectors[] = { 0, 1, 3, 6, 8, 9, 15, 17, 21, 31, 32, 0x80 };

	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		CHECK_STR(describe(vectors[i], 0), "");
		CHECK_STR(describe(vectors[i], 0x1230), "");
	}
}

TEST(no_decoding_with_zero_size_buffer)
{
	char buf[2] = "x";

	trap_describe_error(0, 0, buf, 0);
	CHECK_STR(buf, "x");
	trap_describe_error(13, 0x1230, buf, 0);
	trap_describe_error(14, 2, buf, 0);
	CHECK_STR(buf, "x");
}

int main(void)
{
	RUN("host/trapdesc", exception_names);
	RUN("host/trapdesc", every_exception_has_a_distinct_name);
	RUN("host/trapdesc", exception_name_ignores_buffer);
	RUN("host/trapdesc", irq_names);
	RUN("host/trapdesc", other_vectors_in_hex);
	RUN("host/trapdesc", name_buffer_returned_and_bounded);
	RUN("host/trapdesc", page_fault_not_present_read);
	RUN("host/trapdesc", page_fault_write);
	RUN("host/trapdesc", page_fault_user_write_protection);
	RUN("host/trapdesc", page_fault_user_read_protection);
	RUN("host/trapdesc", page_fault_instruction_fetch);
	RUN("host/trapdesc", page_fault_reserved_bit);
	RUN("host/trapdesc", page_fault_description_truncated_safely);
	RUN("host/trapdesc", gp_gdt_selector);
	RUN("host/trapdesc", gp_idt_selector);
	RUN("host/trapdesc", gp_ldt_selector);
	RUN("host/trapdesc", external_event_bit);
	RUN("host/trapdesc", zero_error_means_no_selector);
	RUN("host/trapdesc", selector_vectors_10_to_13);
	RUN("host/trapdesc", no_decoding_for_other_vectors);
	RUN("host/trapdesc", no_decoding_with_zero_size_buffer);
	return check_summary();
}
