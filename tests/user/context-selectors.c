/* The selectors in the CONTEXT a handler gets are exactly ring 3's, with no
 * stray upper bits (a CPU may push a segment register as 16 bits into a
 * 32-bit slot: Bochs does), after all kinds of kernel work that leave junk on
 * the kernel stack; and a continue whose CONTEXT has junk in the upper halves
 * resumes with the low 16 bits, as a segment load would. Regression for the
 * continues Bochs saw refused ("the context asks for privileges"). */
#include <stdio.h>
#include <windows.h>

#define TEST_NAME "context-selectors"
#include "check.h"

#define ROUNDS 64
#define UCODE 0x1b
#define UDATA 0x23
#define JUNK 0xdead0000u

static volatile DWORD seen_cs, seen_ss, seen_ds, seen_es, seen_fs, seen_gs;
static volatile int add_junk, handled;

/* Records the context's selectors, optionally puts junk in their upper
 * halves, and resumes after the ud2. */
static LONG CALLBACK handler(PEXCEPTION_POINTERS ep)
{
	CONTEXT *c = ep->ContextRecord;

	seen_cs = c->SegCs, seen_ss = c->SegSs, seen_ds = c->SegDs;
	seen_es = c->SegEs, seen_fs = c->SegFs, seen_gs = c->SegGs;
	if (add_junk) {
		c->SegCs |= JUNK, c->SegSs |= JUNK, c->SegDs |= JUNK;
		c->SegEs |= JUNK, c->SegFs |= JUNK, c->SegGs |= JUNK;
	}
	c->Eip += 2;
	handled++;
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* Kernel work of varying depth before the fault, so the kernel stack under
 * the next trap frame holds different leftovers each round. */
static void stir(int round)
{
	MEMORY_BASIC_INFORMATION mbi;
	void *p = VirtualAlloc(NULL, 4096 * (1 + round % 5), MEM_COMMIT, PAGE_READWRITE);

	VirtualQuery(p, &mbi, sizeof(mbi));
	if (p)
		VirtualFree(p, 0, MEM_RELEASE);
	if (round % 3 == 0)
		Sleep(0);
}

/* One ud2 with FS null and GS flat, as a program may leave them. */
static void fault_once(void)
{
	asm volatile("xorl %%eax, %%eax\n\tmovw %%ax, %%fs\n\t"
		     "movw %w0, %%ax\n\tmovw %%ax, %%gs\n\t"
		     "ud2" : : "i"(UDATA) : "eax", "memory");
}

/* The live segment registers after a continue, as 16-bit values. */
static void live(WORD out[6])
{
	asm volatile("movw %%cs, %0\n\tmovw %%ss, %1\n\tmovw %%ds, %2\n\t"
		     "movw %%es, %3\n\tmovw %%fs, %4\n\tmovw %%gs, %5"
		     : "=m"(out[0]), "=m"(out[1]), "=m"(out[2]), "=m"(out[3]),
		       "=m"(out[4]), "=m"(out[5]));
}

static void exact_selectors_in_the_context(void)
{
	int exact = 0;

	for (int round = 0; round < ROUNDS; round++) {
		stir(round);
		fault_once();
		if (seen_cs == UCODE && seen_ss == UDATA && seen_ds == UDATA && seen_es == UDATA &&
		    seen_fs == 0 && seen_gs == UDATA)
			exact++;
		else
			CHECK(0, "round %d: cs %lx ss %lx ds %lx es %lx fs %lx gs %lx", round,
			      seen_cs, seen_ss, seen_ds, seen_es, seen_fs, seen_gs);
	}
	printf("context-selectors: %d of %d contexts held exactly ring 3's selectors\n",
	       exact, ROUNDS);
}

static void junk_upper_halves_are_ignored(void)
{
	WORD now[6];

	add_junk = 1;
	fault_once();
	live(now);
	add_junk = 0;
	CHECK(now[0] == UCODE && now[1] == UDATA && now[2] == UDATA && now[3] == UDATA &&
	      now[4] == 0 && now[5] == UDATA, "after the continue cs %x ss %x ds %x es %x "
	      "fs %x gs %x", now[0], now[1], now[2], now[3], now[4], now[5]);
	printf("context-selectors: continued with junk in the upper halves: "
	       "cs %x ss %x ds %x es %x fs %x gs %x\n", now[0], now[1], now[2], now[3],
	       now[4], now[5]);
}

int main(void)
{
	AddVectoredExceptionHandler(1, handler);
	exact_selectors_in_the_context();
	junk_upper_halves_are_ignored();
	CHECK(handled == ROUNDS + 1, "%d faults handled, want %d", handled, ROUNDS + 1);
	printf("context-selectors: %d failures\n", failures);
	return failures != 0;
}
