/* Host unit tests for mm/pte.h and mm/vmrange.h: software PTE encode/decode
 * round trips, Win32 protection validation and encoding, and the rounding
 * rules of the VirtualAlloc family. */
#include "mm/pte.h"
#include "mm/vmrange.h"

#include "tests/host/check.h"

static const uint32_t bases[] = {
	PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY,
	PAGE_EXECUTE, PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE, PAGE_EXECUTE_WRITECOPY,
};

TEST(every_valid_protection_round_trips_through_five_bits)
{
	uint32_t n = 0;

	for (uint32_t v = 0; v < 0x1000; v++) {
		if (!pte_protect_valid(v, true))
			continue;
		n++;
		CHECK_EQ_U(pte_prot_to_win32(pte_prot_from_win32(v)), v);
		CHECK(pte_prot_from_win32(v) < 32);
	}
	/* 8 bases alone, 7 with GUARD, 7 with NOCACHE, 7 with WRITECOMBINE */
	CHECK_EQ_U(n, 29);
}

TEST(invalid_protections_are_refused)
{
	CHECK(!pte_protect_valid(0, true));
	CHECK(!pte_protect_valid(PAGE_READONLY | PAGE_READWRITE, true));
	CHECK(!pte_protect_valid(PAGE_GUARD, true));
	CHECK(!pte_protect_valid(PAGE_NOACCESS | PAGE_GUARD, true));
	CHECK(!pte_protect_valid(PAGE_NOACCESS | PAGE_NOCACHE, true));
	CHECK(!pte_protect_valid(PAGE_READWRITE | PAGE_GUARD | PAGE_NOCACHE, true));
	CHECK(!pte_protect_valid(PAGE_READWRITE | 0x800, true));
	CHECK(!pte_protect_valid(PAGE_WRITECOMBINE, true));
	CHECK(!pte_protect_valid(PAGE_NOACCESS | PAGE_WRITECOMBINE, true));
	CHECK(!pte_protect_valid(PAGE_READWRITE | PAGE_WRITECOMBINE | PAGE_GUARD, true));
	CHECK(!pte_protect_valid(PAGE_READWRITE | PAGE_WRITECOMBINE | PAGE_NOCACHE, true));
	CHECK(pte_protect_valid(PAGE_READWRITE | PAGE_WRITECOMBINE, false));
	CHECK(!pte_protect_valid(PAGE_WRITECOPY, false));
	CHECK(!pte_protect_valid(PAGE_EXECUTE_WRITECOPY, false));
	CHECK(pte_protect_valid(PAGE_WRITECOPY, true));
	CHECK(pte_protect_valid(PAGE_READWRITE | PAGE_GUARD, false));
	CHECK(pte_protect_valid(PAGE_EXECUTE_READ | PAGE_NOCACHE, false));
}

TEST(access_rights_follow_the_base_value)
{
	for (uint32_t i = 0; i < 8; i++) {
		pte_prot_t p = pte_prot_from_win32(bases[i]);
		uint32_t b = bases[i];
		CHECK_EQ_U(pte_prot_writable(p), b == PAGE_READWRITE || b == PAGE_WRITECOPY ||
			   b == PAGE_EXECUTE_READWRITE || b == PAGE_EXECUTE_WRITECOPY);
		CHECK_EQ_U(pte_prot_mappable(p), b != PAGE_NOACCESS);
		CHECK(!pte_prot_mappable(p | PTE_PROT_GUARD));
		/* write-combined pages are neither guard pages nor uncached ones */
		CHECK_EQ_U(pte_prot_mappable(p | PTE_PROT_WRITECOMBINE), b != PAGE_NOACCESS);
		CHECK(!pte_prot_nocache(p | PTE_PROT_WRITECOMBINE));
	}
	CHECK_EQ_U(pte_prot_to_win32(pte_prot_written(pte_prot_from_win32(PAGE_WRITECOPY))),
		   PAGE_READWRITE);
	CHECK_EQ_U(pte_prot_to_win32(pte_prot_written(pte_prot_from_win32(PAGE_EXECUTE_WRITECOPY))),
		   PAGE_EXECUTE_READWRITE);
	CHECK_EQ_U(pte_prot_written(pte_prot_from_win32(PAGE_READONLY)),
		   pte_prot_from_win32(PAGE_READONLY));
}

TEST(software_ptes_round_trip_and_are_never_present_or_zero)
{
	static const enum pte_kind kinds[] = {
		PTE_DEMAND_ZERO, PTE_DECOMMITTED, PTE_HELD, PTE_PAGED_OUT, PTE_TRANSITION,
		PTE_PROTOTYPE,
	};
	static const uint32_t indexes[] = { 0, 1, 0x12345, 0xfffff };

	for (uint32_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (pte_prot_t p = 0; p < 32; p++)
			for (uint32_t i = 0; i < 4; i++) {
				uint32_t pte = pte_make(kinds[k], p, indexes[i]);
				CHECK(pte != 0);
				CHECK_EQ_U(pte & 1, 0);
				CHECK_EQ_U(pte_kind(pte), kinds[k]);
				CHECK_EQ_U(pte_prot(pte), p);
				CHECK_EQ_U(pte_index(pte), indexes[i]);
			}
	CHECK_EQ_U(pte_kind(0), PTE_NONE);
	CHECK_EQ_U(pte_kind(0x00123067), PTE_PRESENT);
}

TEST(rounding_to_pages_and_granules)
{
	struct vm_pages r;

	CHECK(vm_round(0x00012345, 1, VM_PAGE, &r));
	CHECK_EQ_U(r.first, 0x12);
	CHECK_EQ_U(r.end, 0x13);
	CHECK(vm_round(0x00012fff, 2, VM_PAGE, &r));       /* straddles two pages */
	CHECK_EQ_U(r.end - r.first, 2);
	CHECK(vm_round(0x00025000, 0x1000, VM_GRANULE, &r));
	CHECK_EQ_U(r.first, 0x20);
	CHECK_EQ_U(r.end, 0x26);
	CHECK(vm_round(0x7ffef000, 0x1000, VM_PAGE, &r));
	CHECK_EQ_U(r.end, 0x7ffef + 1);
}

TEST(ranges_outside_user_space_or_empty_are_refused)
{
	struct vm_pages r = { 7, 7 };

	CHECK(!vm_round(0x00010000, 0, VM_PAGE, &r));
	CHECK(!vm_round(0x0000f000, 0x1000, VM_PAGE, &r));
	CHECK(!vm_round(0x7fff0000, 1, VM_PAGE, &r));
	CHECK(!vm_round(0x7ffef000, 0x1001, VM_PAGE, &r));
	CHECK(!vm_round(0x00010000, 0xffffffff, VM_PAGE, &r));
	CHECK(!vm_round(0x80000000, 1, VM_PAGE, &r));
	CHECK_EQ_U(r.first, 7);                            /* untouched on failure */
}

TEST(sizes_round_up_to_whole_pages)
{
	CHECK_EQ_U(vm_size_pages(1), 1);
	CHECK_EQ_U(vm_size_pages(4096), 1);
	CHECK_EQ_U(vm_size_pages(4097), 2);
	CHECK_EQ_U(vm_size_pages(VM_USER_HIGH - VM_USER_LOW), (VM_USER_HIGH - VM_USER_LOW) / 4096);
	CHECK_EQ_U(vm_size_pages(VM_USER_HIGH - VM_USER_LOW + 1), 0);
	CHECK_EQ_U(vm_size_pages(0xffffffff), 0);
}

TEST(a_subsection_pte_is_a_prototype_kind_no_other_pte_is)
{
	uint32_t file = pte_make(PTE_SUBSECTION, 0, 0);

	CHECK(pte_is_subsection(file));
	CHECK(pte_is_subsection(pte_make(PTE_SUBSECTION, 0, 1234)));
	CHECK(file != 0);                               /* "committed" for the checker */
	for (uint32_t k = PTE_NONE; k < PTE_PRESENT; k++)
		CHECK(pte_is_subsection(pte_make((enum pte_kind)k, 5, 77)) == (k == PTE_SUBSECTION));
	CHECK(!pte_is_subsection(0x1234u << 12 | 1 | PTE_PROTO_DIRTY));        /* valid */
	CHECK(!pte_is_subsection(0x1234u << 12 | 1 | 0xeu));   /* valid, bits that look like it */
}

int main(void)
{
	RUN("pte", every_valid_protection_round_trips_through_five_bits);
	RUN("pte", invalid_protections_are_refused);
	RUN("pte", a_subsection_pte_is_a_prototype_kind_no_other_pte_is);
	RUN("pte", access_rights_follow_the_base_value);
	RUN("pte", software_ptes_round_trip_and_are_never_present_or_zero);
	RUN("vmrange", rounding_to_pages_and_granules);
	RUN("vmrange", ranges_outside_user_space_or_empty_are_refused);
	RUN("vmrange", sizes_round_up_to_whole_pages);
	return check_summary();
}
