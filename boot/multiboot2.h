/* Multiboot2 information format (the multiboot2 specification, as GRUB 2 emits it).
 * Only boot/bootinfo.c includes this header. */
#ifndef BOOT_MULTIBOOT2_H
#define BOOT_MULTIBOOT2_H

#include <stdint.h>

#define MB2_BOOTLOADER_MAGIC  0x36d76289u

enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_MODULE = 3,
	MB2_TAG_BASIC_MEMINFO = 4,
	MB2_TAG_MMAP = 6,
	MB2_TAG_ELF_SECTIONS = 9,
};

struct mb2_info_header { uint32_t total_size, reserved; };
struct mb2_tag { uint32_t type, size; };
struct mb2_tag_string { uint32_t type, size; char string[]; };
struct mb2_tag_module { uint32_t type, size, mod_start, mod_end; char string[]; };
struct mb2_tag_meminfo { uint32_t type, size, mem_lower, mem_upper; };
struct mb2_mmap_entry { uint64_t base, length; uint32_t type, reserved; };
struct mb2_tag_mmap { uint32_t type, size, entry_size, entry_version; };
/* GRUB 2 lays the counts out as 32-bit words, followed by the section headers. */
struct mb2_tag_elf_sections { uint32_t type, size, num, entsize, shndx; };

/* The ELF32 section header fields the parser needs. */
struct elf32_shdr {
	uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t sh_link, sh_info, sh_addralign, sh_entsize;
};
#define ELF_SHT_SYMTAB 2

#endif
