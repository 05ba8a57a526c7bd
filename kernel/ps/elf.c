/* Validation of static i386 ELF executables and their relocations; see
 * kernel/ps/elf.h. */
#include "kernel/ps/elf.h"
#include "kernel/rtl/string.h"

#define EHDR_SIZE    52
#define PHDR_SIZE    32
#define ELF_PAGE     4096u

#define ELFCLASS32   1
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define ET_DYN       3
#define EM_386       3

#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_TLS       7

#define PF_X         1
#define PF_W         2

#define DT_NULL      0
#define DT_NEEDED    1
#define DT_PLTRELSZ  2
#define DT_RELA      7
#define DT_REL       17
#define DT_RELSZ     18
#define DT_RELENT    19

#define R_386_NONE     0
#define R_386_RELATIVE 8
#define REL_SIZE       8
#define DYN_SIZE       8

/* Copies of the on-disk headers (little-endian, as is i386 and the host). */
struct ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr;
	uint32_t p_filesz, p_memsz, p_flags, p_align;
};

_Static_assert(sizeof(struct ehdr) == EHDR_SIZE, "ELF32 header layout");
_Static_assert(sizeof(struct phdr) == PHDR_SIZE, "ELF32 program header layout");

/* The ELF identification bytes: magic, class, byte order, version. */
static enum elf_error check_ident(const uint8_t *id)
{
	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return ELF_BAD_MAGIC;
	if (id[4] != ELFCLASS32)
		return ELF_BAD_CLASS;
	if (id[5] != ELFDATA2LSB)
		return ELF_BAD_DATA;
	if (id[6] != EV_CURRENT)
		return ELF_BAD_VERSION;
	return ELF_OK;
}

/* The rest of the ELF header, with the program header table inside size bytes. */
static enum elf_error check_ehdr(const struct ehdr *h, size_t size)
{
	enum elf_error e = check_ident(h->e_ident);

	if (e != ELF_OK)
		return e;
	if (h->e_version != EV_CURRENT)
		return ELF_BAD_VERSION;
	if (h->e_machine != EM_386)
		return ELF_BAD_MACHINE;
	if (h->e_type != ET_EXEC && h->e_type != ET_DYN)   /* a PIE linked at a base is ET_EXEC */
		return ELF_BAD_TYPE;
	if (h->e_ehsize < EHDR_SIZE)
		return ELF_TOO_SMALL;
	if (h->e_phentsize != PHDR_SIZE || h->e_phnum == 0 ||
	    (uint64_t)h->e_phoff + (uint64_t)h->e_phnum * PHDR_SIZE > size)
		return ELF_BAD_PHDRS;
	return ELF_OK;
}

/* A PT_LOAD's sizes, file extent, place in user space and alignment. */
static enum elf_error check_load(const struct phdr *p, size_t size,
				 uint32_t user_lo, uint32_t user_hi)
{
	uint32_t align = p->p_align;

	if (p->p_memsz == 0 || p->p_filesz > p->p_memsz)
		return ELF_SEGMENT_BAD_SIZE;
	if ((uint64_t)p->p_offset + p->p_filesz > size)
		return ELF_SEGMENT_OUTSIDE_FILE;
	if (p->p_vaddr < user_lo || (uint64_t)p->p_vaddr + p->p_memsz > user_hi)
		return ELF_SEGMENT_OUT_OF_USER_SPACE;
	if (align > 1) {
		if (align & (align - 1))
			return ELF_SEGMENT_BAD_SIZE;
		if (align > ELF_PAGE)
			align = ELF_PAGE;
		if ((p->p_vaddr ^ p->p_offset) & (align - 1))
			return ELF_SEGMENT_BAD_SIZE;
	}
	return ELF_OK;
}

/* One program header: a checked PT_LOAD joins img; unsupported types fail. */
static enum elf_error take_phdr(struct elf_image *img, const struct phdr *p,
				size_t size, uint32_t user_lo, uint32_t user_hi)
{
	enum elf_error e;

	switch (p->p_type) {
	case PT_DYNAMIC:
		if (img->dyn_size || p->p_filesz == 0 || p->p_filesz % DYN_SIZE ||
		    (uint64_t)p->p_offset + p->p_filesz > size)
			return ELF_BAD_RELOCATION;
		img->dyn_offset = p->p_offset;
		img->dyn_size = p->p_filesz;
		return ELF_OK;
	case PT_INTERP:
	case PT_TLS:
		return ELF_UNSUPPORTED;
	case PT_LOAD:
		break;
	default:
		return ELF_OK;          /* PT_NULL, PT_NOTE, PT_PHDR, GNU notes, others */
	}
	if (p->p_memsz == 0 && p->p_filesz == 0)
		return ELF_OK;          /* ld emits empty ones (a program without data) */
	if (img->count == ELF_MAX_SEGMENTS)
		return ELF_TOO_MANY_SEGMENTS;
	e = check_load(p, size, user_lo, user_hi);
	if (e != ELF_OK)
		return e;
	img->seg[img->count++] = (struct elf_segment){
		.vaddr = p->p_vaddr, .memsz = p->p_memsz,
		.offset = p->p_offset, .filesz = p->p_filesz,
		.write = (p->p_flags & PF_W) != 0, .exec = (p->p_flags & PF_X) != 0,
	};
	return ELF_OK;
}

static void sort_segments(struct elf_image *img)
{
	for (uint32_t i = 1; i < img->count; i++) {
		struct elf_segment s = img->seg[i];
		uint32_t j = i;
		for (; j > 0 && img->seg[j - 1].vaddr > s.vaddr; j--)
			img->seg[j] = img->seg[j - 1];
		img->seg[j] = s;
	}
}

/* The first byte past s's last page (64-bit: it may be 4 GB). */
static uint64_t page_end(const struct elf_segment *s)
{
	uint64_t end = (uint64_t)s->vaddr + s->memsz;
	return (end + ELF_PAGE - 1) & ~(uint64_t)(ELF_PAGE - 1);
}

/* On sorted, non-empty segments, a page shared by any two is shared by neighbours. */
static bool segments_overlap(const struct elf_image *img)
{
	for (uint32_t i = 1; i < img->count; i++)
		if (page_end(&img->seg[i - 1]) > (img->seg[i].vaddr & ~(ELF_PAGE - 1)))
			return true;
	return false;
}

static bool entry_in_exec_segment(const struct elf_image *img)
{
	for (uint32_t i = 0; i < img->count; i++) {
		const struct elf_segment *s = &img->seg[i];
		if (s->exec && img->entry >= s->vaddr &&
		    (uint64_t)img->entry < (uint64_t)s->vaddr + s->memsz)
			return true;
	}
	return false;
}

/* elf_check_headers without the clearing of *out on failure. */
static enum elf_error check_image(const uint8_t *image, size_t avail, size_t size,
				  uint32_t user_lo, uint32_t user_hi, struct elf_image *out)
{
	struct ehdr h;
	enum elf_error e;

	if (avail < EHDR_SIZE)
		return ELF_TOO_SMALL;
	memcpy(&h, image, EHDR_SIZE);
	e = check_ehdr(&h, avail);
	for (uint32_t i = 0; e == ELF_OK && i < h.e_phnum; i++) {
		struct phdr p;
		memcpy(&p, image + h.e_phoff + (size_t)i * PHDR_SIZE, PHDR_SIZE);
		e = take_phdr(out, &p, size, user_lo, user_hi);
	}
	if (e != ELF_OK)
		return e;
	if (out->count == 0)
		return ELF_NO_SEGMENTS;
	sort_segments(out);
	if (segments_overlap(out))
		return ELF_SEGMENTS_OVERLAP;
	out->entry = h.e_entry;
	return entry_in_exec_segment(out) ? ELF_OK : ELF_BAD_ENTRY;
}

enum elf_error elf_check_headers(const void *head, size_t avail, size_t size, uint32_t user_lo,
				 uint32_t user_hi, struct elf_image *out)
{
	enum elf_error e;

	memset(out, 0, sizeof(*out));
	e = avail > size ? ELF_TOO_SMALL : check_image(head, avail, size, user_lo, user_hi, out);
	if (e != ELF_OK)
		memset(out, 0, sizeof(*out));
	return e;
}

enum elf_error elf_check(const void *image, size_t size, uint32_t user_lo,
			 uint32_t user_hi, struct elf_image *out)
{
	return elf_check_headers(image, size, size, user_lo, user_hi, out);
}

/* The segment holding the n file bytes at vaddr, or NULL. */
static const struct elf_segment *file_bytes_at(const struct elf_image *img, uint32_t vaddr,
					       uint32_t n)
{
	for (uint32_t i = 0; i < img->count; i++) {
		const struct elf_segment *s = &img->seg[i];
		if (vaddr >= s->vaddr && (uint64_t)vaddr + n <= (uint64_t)s->vaddr + s->filesz)
			return s;
	}
	return NULL;
}

enum elf_error elf_dynamic_relocs(const struct elf_image *img, const void *dyn, size_t n,
				  uint32_t *offset, uint32_t *count)
{
	uint32_t rel = 0, relsz = 0, relent = REL_SIZE;
	const struct elf_segment *s;

	for (size_t i = 0; i + DYN_SIZE <= n; i += DYN_SIZE) {
		uint32_t d[2];
		memcpy(d, (const uint8_t *)dyn + i, DYN_SIZE);
		if (d[0] == DT_NULL)
			break;
		if (d[0] == DT_NEEDED || d[0] == DT_RELA || (d[0] == DT_PLTRELSZ && d[1]))
			return ELF_UNSUPPORTED;
		rel = d[0] == DT_REL ? d[1] : rel;
		relsz = d[0] == DT_RELSZ ? d[1] : relsz;
		relent = d[0] == DT_RELENT ? d[1] : relent;
	}
	*offset = *count = 0;
	if (relsz == 0)
		return ELF_OK;
	if (relent != REL_SIZE || relsz % REL_SIZE || !(s = file_bytes_at(img, rel, relsz)))
		return ELF_BAD_RELOCATION;
	*offset = s->offset + (rel - s->vaddr);
	*count = relsz / REL_SIZE;
	return ELF_OK;
}

enum elf_error elf_reloc_fixup(const struct elf_image *img, const void *rel, uint32_t *rva)
{
	uint32_t r[2];

	memcpy(r, rel, REL_SIZE);
	*rva = ELF_NO_FIXUP;
	if ((r[1] & 0xff) == R_386_NONE)
		return ELF_OK;
	if ((r[1] & 0xff) != R_386_RELATIVE)
		return ELF_UNSUPPORTED;
	if (!file_bytes_at(img, r[0], 4))
		return ELF_BAD_RELOCATION;
	*rva = r[0] - (img->seg[0].vaddr & ~(ELF_PAGE - 1));
	return ELF_OK;
}

const char *elf_error_text(enum elf_error e)
{
	static const char *const text[] = {
		[ELF_OK] = "no error",
		[ELF_TOO_SMALL] = "file or ELF header too small",
		[ELF_BAD_MAGIC] = "not an ELF file",
		[ELF_BAD_CLASS] = "not a 32-bit ELF file",
		[ELF_BAD_DATA] = "not little-endian",
		[ELF_BAD_VERSION] = "unknown ELF version",
		[ELF_BAD_MACHINE] = "not an i386 program",
		[ELF_BAD_TYPE] = "not an executable (ET_EXEC)",
		[ELF_BAD_PHDRS] = "bad program header table",
		[ELF_NO_SEGMENTS] = "no loadable segment",
		[ELF_TOO_MANY_SEGMENTS] = "too many loadable segments",
		[ELF_SEGMENT_OUTSIDE_FILE] = "segment extends past the end of the file",
		[ELF_SEGMENT_BAD_SIZE] = "bad segment size or alignment",
		[ELF_SEGMENT_OUT_OF_USER_SPACE] = "segment outside user space",
		[ELF_SEGMENTS_OVERLAP] = "segment overlaps another",
		[ELF_BAD_ENTRY] = "entry point not in an executable segment",
		[ELF_UNSUPPORTED] = "dynamic linking or TLS not supported",
		[ELF_BAD_RELOCATION] = "bad relocation",
	};

	if ((unsigned)e >= sizeof(text) / sizeof(text[0]) || !text[e])
		return "unknown ELF error";
	return text[e];
}
