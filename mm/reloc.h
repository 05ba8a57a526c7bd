/* Base relocations of an image section, indexed by page: the fixups NT's
 * memory manager applies as it reads an image page in at a base other than
 * the one the program was linked at (mm/image.c builds the index once per
 * image section and applies it at each page-in). Pure logic on caller-given
 * arrays: no allocation, no locks, nothing else called. */
#ifndef MM_RELOC_H
#define MM_RELOC_H

#include <stdint.h>

/* Bytes of the neighbouring pages mm_reloc_apply needs on each side of the
 * page: a 4-byte fixup may start 3 bytes before it or end 3 bytes after. */
#define MM_RELOC_MARGIN 4u

/* Entries the index of the n fixups rvas needs: one per page each touches
 * (a word crossing a page boundary is listed under both pages). */
uint32_t mm_reloc_index_size(const uint32_t *rvas, uint32_t n);

/* Builds the page index of the n fixups rvas (offsets from the image's
 * first page, each word wholly below pages * 4096): page p's fixups are
 * index[first[p] .. first[p + 1]). first holds pages + 1 entries, index
 * mm_reloc_index_size(rvas, n). */
void mm_reloc_index_build(const uint32_t *rvas, uint32_t n, uint32_t pages, uint32_t *first,
			  uint32_t *index);

/* Adds delta to every fixup of page page (index as built above) in buf:
 * the page's bytes as linked start at buf + MM_RELOC_MARGIN, with the
 * linked bytes of its neighbours in the margins around it, so a word that
 * crosses the page's edge is fixed whole and its part in the page is right.
 * The margins are scratch afterwards. */
void mm_reloc_apply(const uint32_t *first, const uint32_t *index, uint32_t page, uint8_t *buf,
		    uint32_t delta);

#endif
