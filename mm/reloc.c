/* Base relocations indexed by page; see mm/reloc.h. */
#include "mm/reloc.h"
#include <stdbool.h>

#define RELOC_PAGE_SHIFT 12u
#define RELOC_PAGE_SIZE  (1u << RELOC_PAGE_SHIFT)

/* The first and last page the word at rva touches. */
static uint32_t first_page(uint32_t rva)
{
	return rva >> RELOC_PAGE_SHIFT;
}
static uint32_t last_page(uint32_t rva)
{
	return (rva + 3) >> RELOC_PAGE_SHIFT;
}

uint32_t mm_reloc_index_size(const uint32_t *rvas, uint32_t n)
{
	uint32_t size = n;

	for (uint32_t i = 0; i < n; i++)
		size += last_page(rvas[i]) != first_page(rvas[i]);
	return size;
}

void mm_reloc_index_build(const uint32_t *rvas, uint32_t n, uint32_t pages, uint32_t *first,
			  uint32_t *index)
{
	/* A counting sort by page: count each page's fixups, make the counts
	 * starts, then drop each fixup in (first[p] ends as page p + 1's start
	 * and is shifted back). */
	for (uint32_t p = 0; p <= pages; p++)
		first[p] = 0;
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t p = first_page(rvas[i]); p <= last_page(rvas[i]); p++)
			first[p + 1]++;
	for (uint32_t p = 0; p < pages; p++)
		first[p + 1] += first[p];
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t p = first_page(rvas[i]); p <= last_page(rvas[i]); p++)
			index[first[p]++] = rvas[i];
	for (uint32_t p = pages; p > 0; p--)
		first[p] = first[p - 1];
	first[0] = 0;
}

uint32_t mm_reloc_edges(const uint32_t *first, const uint32_t *index, uint32_t page)
{
	uint32_t page_rva = page << RELOC_PAGE_SHIFT, edges = 0;

	for (uint32_t i = first[page]; i < first[page + 1]; i++) {
		edges |= index[i] < page_rva ? MM_RELOC_EDGE_LOW : 0;
		edges |= index[i] > page_rva + RELOC_PAGE_SIZE - 4 ? MM_RELOC_EDGE_HIGH : 0;
	}
	return edges;
}

/* Adds delta to the little-endian word at w. */
static void add32(uint8_t *w, uint32_t delta)
{
	uint32_t v = (uint32_t)w[0] | (uint32_t)w[1] << 8 | (uint32_t)w[2] << 16 |
		     (uint32_t)w[3] << 24;

	v += delta;
	for (uint32_t b = 0; b < 4; b++)
		w[b] = (uint8_t)(v >> (8 * b));
}

/* Fixes the word at offset at (-3..-1 or 4093..4095) of page p that crosses
 * its edge: in an 8-byte window of the margin and the page's edge bytes,
 * whose page part is copied back. */
static void fix_crossing(struct mm_reloc_page *p, int32_t at, uint32_t delta)
{
	bool low = at < 0;
	uint8_t *edge = low ? p->bytes : p->bytes + RELOC_PAGE_SIZE - 4;
	uint8_t win[8];

	for (uint32_t b = 0; b < 4; b++) {
		win[b] = low ? p->before[b] : edge[b];
		win[4 + b] = low ? edge[b] : p->after[b];
	}
	add32(win + (low ? 4 + at : at - (int32_t)(RELOC_PAGE_SIZE - 4)), delta);
	for (uint32_t b = 0; b < 4; b++)
		edge[b] = win[low ? 4 + b : b];
}

void mm_reloc_apply(const uint32_t *first, const uint32_t *index, uint32_t page,
		    struct mm_reloc_page *p, uint32_t delta)
{
	uint32_t page_rva = page << RELOC_PAGE_SHIFT;

	for (uint32_t i = first[page]; i < first[page + 1]; i++) {
		int32_t at = (int32_t)(index[i] - page_rva);    /* negative: starts before */
		if (at < 0 || at > (int32_t)(RELOC_PAGE_SIZE - 4))
			fix_crossing(p, at, delta);
		else
			add32(p->bytes + at, delta);
	}
}
