/* Programs as image sections (mm/image.h): the two places a program's bytes
 * come from (a boot module's memory, a file on a volume read through the
 * file cache) and the one path from a program file to its shared image
 * section, the ELF parser (kernel/ps/elf.c) describing it the first time. */
#include "kernel/ps/process.h"
#include "kernel/ps/elf.h"
#include "kernel/io/file.h"
#include "kernel/rtl/string.h"
#include "kernel/rtl/winerror.h"
#include "mm/image.h"
#include "mm/mm.h"
#include "mm/pool.h"
#include "mm/pte.h"

#define HEAD_MAX 4096u          /* the ELF and program headers must lie in the first page */
#define DYN_MAX  4096u          /* a dynamic section larger is no static program's */
#define REL_SIZE 8u
#define REL_CHUNK 512u          /* REL entries read at a time */

static bool module_read(void *file, uint32_t offset, uint32_t n, void *dst)
{
	memcpy(dst, (const uint8_t *)file + offset, n);
	return true;
}

static void module_close(void *file)
{
	(void)file;             /* a boot module stays in memory */
}

static const struct mm_image_source module_source = { module_read, module_close };

static bool disk_read(void *file, uint32_t offset, uint32_t n, void *dst)
{
	uint32_t done;

	return file_read_at(file, offset, dst, n, &done) == ERROR_SUCCESS && done == n;
}

static void disk_close(void *file)
{
	ob_dereference(file);
}

static const struct mm_image_source disk_source = { disk_read, disk_close };

struct ps_image_file ps_image_module(const void *bytes, uint32_t size,
				     struct mm_control_area **slot)
{
	return (struct ps_image_file){ &module_source, (void *)bytes, size, slot };
}

struct ps_image_file ps_image_disk(struct io_file *f, uint32_t size)
{
	return (struct ps_image_file){ &disk_source, f, size, file_image_slot(f) };
}

void ps_image_file_close(struct ps_image_file *f)
{
	if (f->file)
		f->src->close(f->file);
	f->file = NULL;
}

/* Win32 protection of a segment's pages: code execute-read, data
 * write-copy (read-write once written, as in Windows), the rest read-only. */
static uint32_t segment_protect(const struct elf_segment *s)
{
	if (s->write)
		return s->exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
	return s->exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
}

/* The fixups of the count REL entries at offset of f into fixups; their
 * number in *n. */
static enum elf_error read_rel(const struct ps_image_file *f, const struct elf_image *e,
			       uint32_t offset, uint32_t count, uint32_t *fixups, uint32_t *n)
{
	uint8_t *rel = kmalloc(REL_CHUNK * REL_SIZE);
	enum elf_error err = rel ? ELF_OK : ELF_TOO_SMALL;

	*n = 0;
	for (uint32_t i = 0; err == ELF_OK && i < count; i += REL_CHUNK) {
		uint32_t k = count - i < REL_CHUNK ? count - i : REL_CHUNK;
		if (!f->src->read(f->file, offset + i * REL_SIZE, k * REL_SIZE, rel))
			err = ELF_TOO_SMALL;
		for (uint32_t j = 0; err == ELF_OK && j < k; j++) {
			uint32_t rva;
			err = elf_reloc_fixup(e, rel + j * REL_SIZE, &rva);
			if (err == ELF_OK && rva != ELF_NO_FIXUP)
				fixups[(*n)++] = rva;
		}
	}
	kfree(rel);
	return err;
}

/* Makes out relocatable when f has a dynamic section, with the fixups its
 * REL table lists (out->fixups kmalloc'd, the caller's to free). */
static enum elf_error describe_fixups(const struct ps_image_file *f, const struct elf_image *e,
				      struct vm_image *out)
{
	uint8_t *dyn;
	uint32_t offset, count, *fixups;
	enum elf_error err;

	if (!e->dyn_size)
		return ELF_OK;          /* not relocatable: it stays where linked */
	if (e->dyn_size > DYN_MAX)
		return ELF_BAD_RELOCATION;
	if (!(dyn = kmalloc(e->dyn_size)))
		return ELF_TOO_SMALL;
	err = f->src->read(f->file, e->dyn_offset, e->dyn_size, dyn) ?
		elf_dynamic_relocs(e, dyn, e->dyn_size, &offset, &count) : ELF_TOO_SMALL;
	kfree(dyn);
	if (err != ELF_OK)
		return err;
	out->relocatable = true;
	if (!count)
		return ELF_OK;
	if (!(fixups = kmalloc(count * sizeof(uint32_t))))
		return ELF_TOO_SMALL;
	out->fixups = fixups;
	return read_rel(f, e, offset, count, fixups, &out->fixup_count);
}

/* Reads the headers of file (size bytes, through src) into head (HEAD_MAX
 * bytes) and checks them into e; ELF_OK or the problem (an unreadable or
 * empty file, or no buffers, reads as too small). */
static enum elf_error check_headers(const struct mm_image_source *src, void *file,
				    uint32_t size, uint8_t *head, struct elf_image *e)
{
	uint32_t n = size < HEAD_MAX ? size : HEAD_MAX;

	if (!head || !e || !n || !src->read(file, 0, n, head))
		return ELF_TOO_SMALL;
	return elf_check_headers(head, n, size, MM_USER_FIRST, MM_USER_END, e);
}

/* Reads f's headers and relocations and describes its image; ELF_OK or the
 * problem (an unreadable file reads as too small). out->fixups is the
 * caller's to free, whatever the outcome. */
static enum elf_error describe(const struct ps_image_file *f, struct vm_image *out)
{
	uint8_t *head = kmalloc(HEAD_MAX);
	struct elf_image *e = kmalloc(sizeof(*e));
	enum elf_error err = check_headers(f->src, f->file, f->size, head, e);

	if (err == ELF_OK) {
		*out = (struct vm_image){ .entry = e->entry, .count = e->count };
		for (uint32_t i = 0; i < e->count; i++)
			out->seg[i] = (struct vm_image_segment){
				.vaddr = e->seg[i].vaddr, .memsz = e->seg[i].memsz,
				.offset = e->seg[i].offset, .filesz = e->seg[i].filesz,
				.protect = segment_protect(&e->seg[i]),
			};
		err = describe_fixups(f, e, out);
	}
	kfree(head);
	kfree(e);
	return err;
}

uint32_t ps_image_check_file(struct io_file *f)
{
	uint8_t *head = kmalloc(HEAD_MAX);
	struct elf_image *e = kmalloc(sizeof(*e));
	uint32_t size = 0, err = head && e ? 0 : ERROR_NOT_ENOUGH_MEMORY;

	file_query_size(f, &size);
	if (!err && check_headers(&disk_source, f, size, head, e) != ELF_OK)
		err = ERROR_BAD_EXE_FORMAT;
	kfree(head);
	kfree(e);
	return err;
}

uint32_t ps_image_section(struct ps_image_file *f, const char *name,
			  struct mm_control_area **out, const char **why)
{
	struct vm_image *img;
	enum elf_error e;
	uint32_t err;

	if ((*out = mm_image_lookup(f->slot)) != NULL) {
		ps_image_file_close(f);
		return 0;
	}
	if (!(img = kmalloc(sizeof(*img)))) {
		ps_image_file_close(f);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	img->fixups = NULL;
	if ((e = describe(f, img)) != ELF_OK) {
		*why = elf_error_text(e);
		kfree((void *)img->fixups);
		kfree(img);
		ps_image_file_close(f);
		return ERROR_BAD_EXE_FORMAT;
	}
	err = mm_image_create(img, f->src, f->file, name, f->slot, out);
	f->file = NULL;         /* the image section's now, or closed */
	kfree((void *)img->fixups);
	kfree(img);
	return err;
}
