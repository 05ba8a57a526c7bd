/* Exception names and error-code decoding (Intel SDM vol. 3A, ch. 6). */
#include "kernel/rtl/trapdesc.h"
#include "kernel/rtl/format.h"
#include "arch/trap.h"

static const char *const names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range exceeded", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack-segment fault",
	"#GP general protection fault", "#PF page fault", "reserved (15)",
	"#MF x87 floating-point error", "#AC alignment check", "#MC machine check",
	"#XM SIMD floating-point exception", "#VE virtualization exception",
	"#CP control protection", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security exception", "reserved (31)",
};

const char *trap_name(unsigned vector, char *buf, size_t size)
{
	if (vector < 32)
		return names[vector];
	if (vector >= T_IRQ_BASE && vector < T_IRQ_BASE + T_IRQ_COUNT)
		ksnprintf(buf, size, "IRQ %u", vector - T_IRQ_BASE);
	else
		ksnprintf(buf, size, "interrupt 0x%02x", vector);
	return buf;
}

static void describe_page_fault(uint32_t e, char *buf, size_t size)
{
	ksnprintf(buf, size, "%s %s in %s mode%s",
		  e & 1 ? "protection violation on" : "not-present page on",
		  e & 16 ? "instruction fetch" : e & 2 ? "write" : "read",
		  e & 4 ? "user" : "kernel",
		  e & 8 ? ", reserved bit set in a paging entry" : "");
}

static void describe_selector(uint32_t e, char *buf, size_t size)
{
	static const char *const table[4] = { "GDT", "IDT", "LDT", "IDT" };

	if (e == 0) {
		ksnprintf(buf, size, "no selector");
		return;
	}
	ksnprintf(buf, size, "selector 0x%04x: %s entry %u%s", e & 0xffff,
		  table[(e >> 1) & 3], (e & 0xffff) >> 3, e & 1 ? ", external event" : "");
}

void trap_describe_error(unsigned vector, uint32_t error, char *buf, size_t size)
{
	switch (vector) {
	case 14:
		describe_page_fault(error, buf, size);
		break;
	case 10: case 11: case 12: case 13:
		describe_selector(error, buf, size);
		break;
	default:
		if (size)
			buf[0] = '\0';
		break;
	}
}
