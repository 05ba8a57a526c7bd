/* The software PTE formats: the only definition of what a not-present user
 * PTE means, and of the per-page protection the memory manager keeps. Pure
 * (host-tested in tests/host/test_pte.c).
 *
 * A user PTE is one of:
 *   - 0: nothing recorded; the VAD says what the page is (reserved, or
 *     committed demand-zero with the VAD's protection for a VAD committed
 *     whole);
 *   - present (bit 0 set): a hardware PTE, arch/mmu.h's business; the page's
 *     Win32 protection is then in its PFN entry's original_pte;
 *   - a software PTE (bit 0 clear, not 0), laid out as
 *       bits 31..12  frame (HELD, TRANSITION), swap slot (PAGED_OUT) or,
 *                    in a view, the page's prototype PTE (PROTOTYPE: its
 *                    index in the section's segment, mm/section.h)
 *       bits  8..4   protection (enum below)
 *       bits  3..1   kind
 *       bit      0   0: the MMU ignores every other bit
 *
 * Protection is Win32's in 5 bits: the base value's bit index (PAGE_NOACCESS
 * 0x01 is 0 ... PAGE_EXECUTE_WRITECOPY 0x80 is 7), then a modifier in two
 * bits: PAGE_GUARD, PAGE_NOCACHE, or both for PAGE_WRITECOMBINE (which
 * combines with neither, so the pair is free for it). */
#ifndef MM_PTE_H
#define MM_PTE_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_NOACCESS          0x01u
#define PAGE_READONLY          0x02u
#define PAGE_READWRITE         0x04u
#define PAGE_WRITECOPY         0x08u
#define PAGE_EXECUTE           0x10u
#define PAGE_EXECUTE_READ      0x20u
#define PAGE_EXECUTE_READWRITE 0x40u
#define PAGE_EXECUTE_WRITECOPY 0x80u
#define PAGE_GUARD             0x100u
#define PAGE_NOCACHE           0x200u
#define PAGE_WRITECOMBINE      0x400u

enum pte_kind {
	PTE_NONE,               /* the PTE is 0: ask the VAD */
	PTE_DEMAND_ZERO,        /* committed, no contents yet: a zeroed frame on first touch */
	PTE_DECOMMITTED,        /* reserved, in a VAD committed whole */
	/* 3 is free (image pages were filled through it before image
	 * sections, mm/image.h): the values below stay as tools print them. */
	PTE_HELD = 4,           /* has a frame, but its protection denies access (NOACCESS, GUARD) */
	PTE_PAGED_OUT,          /* contents in a swap slot (the swap issue) */
	PTE_TRANSITION,         /* frame on the standby or modified list (the swap issue) */
	PTE_PROTOTYPE,          /* a view's page: see the prototype PTE it names (mm/section.h);
				   its protection is the view's (the prot bits stay 0) */
	PTE_PRESENT,            /* a hardware PTE (decode only; never encoded) */
};

/* In a prototype PTE, kind PTE_PROTOTYPE means "not in memory: on the file"
 * (NT's subsection PTE, a prototype PTE with its Prototype bit set): a page
 * of a file-backed control area (mm/filecache.h) that is read from the file
 * on first access. A file page's frame keeps this value as its original PTE,
 * so repurposing the frame off the standby list (pfn_alloc) writes it back. */
#define PTE_SUBSECTION PTE_PROTOTYPE
#define PTE_PROTO_DIRTY 0x40u   /* a valid file page's prototype PTE: written since read */

static inline bool pte_is_subsection(uint32_t pte)
{
	return !(pte & 1) && (pte >> 1 & 7u) == PTE_SUBSECTION;
}

/* Protection in its 5-bit form. */
typedef uint8_t pte_prot_t;
#define PTE_PROT_GUARD   0x08u
#define PTE_PROT_NOCACHE 0x10u
#define PTE_PROT_WRITECOMBINE (PTE_PROT_GUARD | PTE_PROT_NOCACHE)
#define PTE_PROT_MODIFIER PTE_PROT_WRITECOMBINE
#define PTE_PROT_BASE    0x07u

/* The modifier of protection p: whether it is a guard page, non-cacheable,
 * write-combined. */
static inline bool pte_prot_guard(pte_prot_t p)
{
	return (p & PTE_PROT_MODIFIER) == PTE_PROT_GUARD;
}
static inline bool pte_prot_nocache(pte_prot_t p)
{
	return (p & PTE_PROT_MODIFIER) == PTE_PROT_NOCACHE;
}
static inline bool pte_prot_writecombine(pte_prot_t p)
{
	return (p & PTE_PROT_MODIFIER) == PTE_PROT_WRITECOMBINE;
}

/* Whether protect is a valid Win32 protection: exactly one base bit, plus
 * optionally one of PAGE_GUARD, PAGE_NOCACHE, PAGE_WRITECOMBINE; the
 * write-copy values only where allow_writecopy (image pages). As in Windows
 * (Memory Protection Constants), the modifiers combine neither with each
 * other nor with PAGE_NOACCESS. */
static inline bool pte_protect_valid(uint32_t protect, bool allow_writecopy)
{
	uint32_t base = protect & 0xffu, mod = protect & 0x700u;

	if ((protect & ~0x7ffu) || base == 0 || (base & (base - 1)) || (mod & (mod - 1)))
		return false;
	if (!allow_writecopy && (base == PAGE_WRITECOPY || base == PAGE_EXECUTE_WRITECOPY))
		return false;
	return base != PAGE_NOACCESS || !mod;
}

/* A valid Win32 protection in 5 bits. */
static inline pte_prot_t pte_prot_from_win32(uint32_t protect)
{
	pte_prot_t p = (pte_prot_t)__builtin_ctz(protect & 0xffu);

	if (protect & PAGE_GUARD)
		p |= PTE_PROT_GUARD;
	if (protect & PAGE_NOCACHE)
		p |= PTE_PROT_NOCACHE;
	if (protect & PAGE_WRITECOMBINE)
		p |= PTE_PROT_WRITECOMBINE;
	return p;
}

/* The Win32 value of a 5-bit protection. */
static inline uint32_t pte_prot_to_win32(pte_prot_t p)
{
	return (1u << (p & PTE_PROT_BASE)) | (pte_prot_guard(p) ? PAGE_GUARD : 0) |
	       (pte_prot_nocache(p) ? PAGE_NOCACHE : 0) |
	       (pte_prot_writecombine(p) ? PAGE_WRITECOMBINE : 0);
}

/* Access a protection grants, guard aside. */
static inline bool pte_prot_writable(pte_prot_t p)  /* write-copy counts: it becomes read-write */
{
	uint32_t b = p & PTE_PROT_BASE;
	return b == 2 || b == 3 || b == 6 || b == 7;
}
static inline bool pte_prot_writecopy(pte_prot_t p)
{
	return (p & PTE_PROT_BASE) == 3 || (p & PTE_PROT_BASE) == 7;
}
/* PAGE_WRITECOPY becomes PAGE_READWRITE, PAGE_EXECUTE_WRITECOPY
 * PAGE_EXECUTE_READWRITE: what a written copy-on-write page turns into. */
static inline pte_prot_t pte_prot_written(pte_prot_t p)
{
	return pte_prot_writecopy(p) ? (pte_prot_t)(p - 1) : p;
}
/* Whether a page with protection p can be mapped present: any access but
 * guard and no-access. Execute-only pages are mapped readable (i386 cannot
 * tell an instruction fetch from a read). */
static inline bool pte_prot_mappable(pte_prot_t p)
{
	return (p & PTE_PROT_BASE) != 0 && !pte_prot_guard(p);
}

/* Encoding and decoding software PTEs. A prototype PTE (a section page's,
 * mm/section.h) uses the same software kinds (0 reserved, DEMAND_ZERO,
 * TRANSITION, PAGED_OUT) and holds a valid page as frame << 12 | 1; the MMU
 * never reads it. */
#define PTE_KIND_SHIFT 1
#define PTE_PROT_SHIFT 4
#define PTE_INDEX_SHIFT 12

static inline uint32_t pte_make(enum pte_kind kind, pte_prot_t prot, uint32_t index)
{
	return index << PTE_INDEX_SHIFT | (uint32_t)(prot & 0x1fu) << PTE_PROT_SHIFT |
	       (uint32_t)kind << PTE_KIND_SHIFT;
}

static inline enum pte_kind pte_kind(uint32_t pte)
{
	if (pte & 1)
		return PTE_PRESENT;
	return (enum pte_kind)(pte >> PTE_KIND_SHIFT & 7u);
}

/* Protection of a software PTE (DEMAND_ZERO, IMAGE, HELD, PAGED_OUT, TRANSITION). */
static inline pte_prot_t pte_prot(uint32_t pte)
{
	return (pte_prot_t)(pte >> PTE_PROT_SHIFT & 0x1fu);
}

/* Frame or slot of a software PTE (HELD, PAGED_OUT, TRANSITION). */
static inline uint32_t pte_index(uint32_t pte)
{
	return pte >> PTE_INDEX_SHIFT;
}

#endif
