/* Swap slot bitmap; see mm/slots.h. */
#include "mm/slots.h"

#define SLOTS_SEARCH 2048u      /* slots looked at before settling for less */

static bool in_use(const struct slot_map *m, uint32_t s)
{
	return m->bits[s / 32] >> (s % 32) & 1;
}

static void set(struct slot_map *m, uint32_t s, bool v)
{
	if (v)
		m->bits[s / 32] |= 1u << (s % 32);
	else
		m->bits[s / 32] &= ~(1u << (s % 32));
}

void slots_init(struct slot_map *m, uint32_t *bits, uint32_t count)
{
	*m = (struct slot_map){ .bits = bits, .count = count };
	for (uint32_t i = 0; i < (count + 31) / 32; i++)
		bits[i] = 0;
}

bool slots_in_use(const struct slot_map *m, uint32_t slot)
{
	return slot < m->count && in_use(m, slot);
}

/* The length of the free run starting at s, up to max. */
static uint32_t run_at(const struct slot_map *m, uint32_t s, uint32_t max)
{
	uint32_t n = 0;

	while (n < max && s + n < m->count && !in_use(m, s + n))
		n++;
	return n;
}

/* The next free slot at or after s (wrapping once), or count. Whole words
 * in use are skipped. */
static uint32_t next_free(const struct slot_map *m, uint32_t s, uint32_t *scanned)
{
	while (*scanned < m->count) {
		if (s >= m->count)
			s = 0;
		if (s % 32 == 0 && m->bits[s / 32] == 0xffffffffu && s + 32 <= m->count) {
			s += 32;
			*scanned += 32;
			continue;
		}
		if (!in_use(m, s))
			return s;
		s++;
		(*scanned)++;
	}
	return m->count;
}

uint32_t slots_alloc(struct slot_map *m, uint32_t want, uint32_t *first)
{
	uint32_t scanned = 0, best = 0, best_at = 0, s = m->hint;

	if (want == 0 || m->used == m->count)
		return 0;
	while ((s = next_free(m, s, &scanned)) < m->count) {
		uint32_t n = run_at(m, s, want);
		if (n > best) {
			best = n;
			best_at = s;
		}
		/* A full run, or after a good look a usable one: searching a
		 * fragmented map to the end for the longest would cost more than
		 * the shorter write it saves. */
		if (n == want || (scanned >= SLOTS_SEARCH && best >= want / 4))
			break;
		s += n;
		scanned += n;
	}
	for (uint32_t i = 0; i < best; i++)
		set(m, best_at + i, true);
	m->used += best;
	m->hint = best_at + best;
	*first = best_at;
	return best;
}

void slots_free(struct slot_map *m, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		set(m, first + i, false);
	m->used -= n;
}

void slots_mark_bad(struct slot_map *m, uint32_t slot)
{
	if (!in_use(m, slot)) {
		set(m, slot, true);
		m->used++;
	}
	m->bad++;               /* it simply never comes back */
}
