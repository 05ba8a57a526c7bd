/* Doubly linked frame lists threaded through the PFN database; see mm/pfn.h. */
#include "mm/pfn.h"

void pfnlist_push_tail(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn, uint8_t state)
{
	struct pfn_entry *e = &db[pfn];

	e->state = state;
	e->flink = PFN_NONE;
	e->blink = l->tail;
	if (l->tail != PFN_NONE)
		db[l->tail].flink = pfn;
	else
		l->head = pfn;
	l->tail = pfn;
	l->count++;
}

void pfnlist_remove(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn)
{
	struct pfn_entry *e = &db[pfn];

	if (e->blink != PFN_NONE)
		db[e->blink].flink = e->flink;
	else
		l->head = e->flink;
	if (e->flink != PFN_NONE)
		db[e->flink].blink = e->blink;
	else
		l->tail = e->blink;
	e->flink = e->blink = PFN_NONE;
	l->count--;
}

void pfnlist_push_head(struct pfn_entry *db, struct pfn_list *l, pfn_t pfn, uint8_t state)
{
	struct pfn_entry *e = &db[pfn];

	e->state = state;
	e->blink = PFN_NONE;
	e->flink = l->head;
	if (l->head != PFN_NONE)
		db[l->head].blink = pfn;
	else
		l->tail = pfn;
	l->head = pfn;
	l->count++;
}

pfn_t pfnlist_pop_head(struct pfn_entry *db, struct pfn_list *l)
{
	pfn_t pfn = l->head;

	if (pfn != PFN_NONE)
		pfnlist_remove(db, l, pfn);
	return pfn;
}
