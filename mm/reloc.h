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

/* A page being relocated: its bytes as linked, and its neighbours' bytes
 * next to it (read only where a fixup crosses that edge: see
 * mm_reloc_edges). */
struct mm_reloc_page {
	uint8_t *bytes;                         /* the page's 4096 */
	uint8_t before[MM_RELOC_MARGIN];        /* the 4 bytes before them */
	uint8_t after[MM_RELOC_MARGIN];         /* the 4 bytes after them */
};

#define MM_RELOC_EDGE_LOW  1u   /* a fixup of the page starts before it */
#define MM_RELOC_EDGE_HIGH 2u   /* a fixup of the page ends after it */

/* Entries the index of the n fixups rvas needs: one per page each touches
 * (a word crossing a page boundary is listed under both pages). */
uint32_t mm_reloc_index_size(const uint32_t *rvas, uint32_t n);

/* Builds the page index of the n fixups rvas (offsets from the image's
 * first page, each word wholly below pages * 4096): page p's fixups are
 * index[first[p] .. first[p + 1]). first holds pages + 1 entries, index
 * mm_reloc_index_size(rvas, n). */
void mm_reloc_index_build(const uint32_t *rvas, uint32_t n, uint32_t pages, uint32_t *first,
			  uint32_t *index);

/* Which edges of page page fixups cross (MM_RELOC_EDGE_*): the margins
 * mm_reloc_apply needs. */
uint32_t mm_reloc_edges(const uint32_t *first, const uint32_t *index, uint32_t page);

/* Adds delta to every fixup of page page (index as built above) in p: a
 * word crossing an edge is fixed whole from the margin there, and only its
 * part in the page is written back. */
void mm_reloc_apply(const uint32_t *first, const uint32_t *index, uint32_t page,
		    struct mm_reloc_page *p, uint32_t delta);

#endif
