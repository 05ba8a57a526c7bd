/* The Interlocked family as Microsoft documents each one's return value
 * (the new value for Increment, Decrement and Add; the initial value for
 * Exchange, ExchangeAdd, ExchangeSubtract, CompareExchange(64/Pointer), And,
 * Or, Xor), the 64-bit compare-exchange across the 32-bit boundary, and 64
 * threads hammering every function with exact totals. */
#include <windows.h>

#define TEST_NAME "thread-interlocked"
#include "check.h"
#include "thread-common.h"

#define THREADS 64
#define ROUNDS  20000

static void return_values(void)
{
	LONG volatile v = 5;
	long long volatile q = 0x00000000FFFFFFFFLL;
	int a, b;
	PVOID volatile p = &a;

	CHECK(InterlockedIncrement(&v) == 6 && v == 6, "Increment returns the new value");
	CHECK(InterlockedDecrement(&v) == 5 && v == 5, "Decrement returns the new value");
	v = 0;
	CHECK(InterlockedDecrement(&v) == -1 && InterlockedIncrement(&v) == 0, "through zero");
	v = 0x7FFFFFFF;
	CHECK(InterlockedIncrement(&v) == (LONG)0x80000000, "wraps as two's complement");
	v = 10;
	CHECK(InterlockedExchange(&v, 20) == 10 && v == 20, "Exchange returns the old value");
	CHECK(InterlockedExchangeAdd(&v, 5) == 20 && v == 25, "ExchangeAdd: the old value");
	CHECK(InterlockedExchangeAdd(&v, -30) == 25 && v == -5, "ExchangeAdd of a negative");
	CHECK(InterlockedAdd(&v, 7) == 2 && v == 2, "Add returns the new value");
	CHECK(InterlockedExchangeSubtract(&v, 3) == 2 && v == -1,
	      "ExchangeSubtract: the old value");
	CHECK(InterlockedCompareExchange(&v, 9, 0) == -1 && v == -1,
	      "CompareExchange that does not match: the old value, nothing stored");
	CHECK(InterlockedCompareExchange(&v, 9, -1) == -1 && v == 9,
	      "CompareExchange that matches: the old value, exchange stored");
	v = 0x0F0F;
	CHECK(InterlockedAnd(&v, 0x00FF) == 0x0F0F && v == 0x000F, "And: the old value");
	CHECK(InterlockedOr(&v, 0x0F00) == 0x000F && v == 0x0F0F, "Or: the old value");
	CHECK(InterlockedXor(&v, 0x0FF0) == 0x0F0F && v == 0x00FF, "Xor: the old value");
	CHECK(InterlockedExchangePointer(&p, &b) == &a && p == &b, "ExchangePointer: the old one");
	CHECK(InterlockedCompareExchangePointer(&p, NULL, &a) == &b && p == &b,
	      "CompareExchangePointer, no match");
	CHECK(InterlockedCompareExchangePointer(&p, NULL, &b) == &b && p == NULL,
	      "CompareExchangePointer, match");
	/* 64 bits: both halves compared and stored as one. */
	CHECK(InterlockedCompareExchange64(&q, 0x100000000LL, 0x1FFFFFFFFLL) ==
	      0xFFFFFFFFLL && q == 0xFFFFFFFFLL, "CompareExchange64: the high halves differ");
	CHECK(InterlockedCompareExchange64(&q, 0x100000000LL, 0xFFFFFFFELL) ==
	      0xFFFFFFFFLL && q == 0xFFFFFFFFLL, "CompareExchange64: the low halves differ");
	CHECK(InterlockedCompareExchange64(&q, 0x100000000LL, 0xFFFFFFFFLL) ==
	      0xFFFFFFFFLL && q == 0x100000000LL, "CompareExchange64: a match stores all 64 bits");
	CHECK(InterlockedCompareExchange64(&q, -1LL, 0x100000000LL) == 0x100000000LL &&
	      q == -1LL, "CompareExchange64 to -1");
}

static LONG volatile inc, dec = THREADS * ROUNDS, add, sub, cas, xor_word, or_words[2],
	and_words[2] = { -1, -1 }, exchanged;
static long long volatile wide = 0xFFFFFF00LL;   /* crosses 2^32 on the way */
static LONG volatile cas_retries, wide_retries;

/* Widens the window between a read and its compare-exchange, so that
 * preemption lands there often and the retry paths run. */
static void dawdle(void)
{
	for (volatile int k = 0; k < 16; k++)
		;
}

/* A compare-exchange loop: retries whenever another thread got in between. */
static void cas_add(LONG delta)
{
	for (;;) {
		LONG old = cas;

		dawdle();
		if (InterlockedCompareExchange(&cas, old + delta, old) == old)
			return;
		InterlockedIncrement(&cas_retries);
	}
}

static void wide_add(long long delta)
{
	long long old;

	for (;;) {
		old = wide;
		dawdle();
		if (InterlockedCompareExchange64(&wide, old + delta, old) == old)
			return;
		InterlockedIncrement(&wide_retries);
	}
}

static DWORD WINAPI hammer(LPVOID param)
{
	DWORD me = (DWORD)param;

	for (int i = 0; i < ROUNDS; i++) {
		InterlockedIncrement(&inc);
		InterlockedDecrement(&dec);
		InterlockedExchangeAdd(&add, 3);
		InterlockedExchangeSubtract(&sub, 2);
		cas_add(1);
		wide_add(5);
		InterlockedXor(&xor_word, 1 << (me % 32));     /* ROUNDS is even: all cancel */
		/* Swapping in our id: every value taken out was someone's id. */
		if (InterlockedExchange(&exchanged, (LONG)me) >= THREADS)
			return 1;
	}
	InterlockedOr(&or_words[me / 32], (LONG)(1u << (me % 32)));
	InterlockedAnd(&and_words[me / 32], (LONG)~(1u << (me % 32)));
	return 0;
}

static void many_threads(void)
{
	DWORD bad, t0 = GetTickCount();

	bad = run_threads(hammer, THREADS, 0);
	CHECK(bad == 0, "threads failed or saw an exchanged value that was no thread's (%lu)",
	      bad);
	CHECK(inc == THREADS * ROUNDS, "Increment total %ld", inc);
	CHECK(dec == 0, "Decrement total %ld", dec);
	CHECK(add == 3 * THREADS * ROUNDS, "ExchangeAdd total %ld", add);
	CHECK(sub == -2 * THREADS * ROUNDS, "ExchangeSubtract total %ld", sub);
	CHECK(cas == THREADS * ROUNDS, "CompareExchange loop total %ld", cas);
	CHECK(wide == 0xFFFFFF00LL + 5LL * THREADS * ROUNDS, "CompareExchange64 total %#llx",
	      (unsigned long long)wide);
	CHECK(xor_word == 0, "Xor: every bit flipped an even number of times: %#lx", xor_word);
	CHECK(or_words[0] == -1 && or_words[1] == -1, "Or: every thread's bit %#lx %#lx",
	      or_words[0], or_words[1]);
	CHECK(and_words[0] == 0 && and_words[1] == 0, "And: every thread's bit cleared");
	CHECK(exchanged >= 0 && exchanged < THREADS, "the last exchanged id %ld", exchanged);
	/* Preemption between a read and its exchange: the loops were tested. */
	CHECK(cas_retries > 0 && wide_retries > 0, "no thread was preempted inside a loop");
	printf(TEST_NAME ": %d threads x %d rounds in %lu ms; compare-exchange retries %ld, "
	       "64-bit %ld\n", THREADS, ROUNDS, GetTickCount() - t0, cas_retries, wide_retries);
}

int main(void)
{
	return_values();
	many_threads();
	printf(TEST_NAME ": %d failures\n", failures);
	return failures != 0;
}
