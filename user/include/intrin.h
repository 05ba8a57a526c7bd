/* <intrin.h>: the Microsoft compiler intrinsics x86 code commonly uses, as
 * inline functions over GCC builtins and instructions. */
#ifndef _INTRIN_H
#define _INTRIN_H

#include <stddef.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define VADOS_INTRIN static __inline__ __attribute__((always_inline, unused))

#ifndef __debugbreak
VADOS_INTRIN void __debugbreak(void) { __asm__ __volatile__("int3"); }
#endif
VADOS_INTRIN void __halt(void) { __asm__ __volatile__("hlt"); }
VADOS_INTRIN void __nop(void) { __asm__ __volatile__("nop"); }
VADOS_INTRIN void _mm_pause(void) { __asm__ __volatile__("pause"); }
VADOS_INTRIN void __int2c(void) { __asm__ __volatile__("int $0x2c"); }
VADOS_INTRIN unsigned long long __rdtsc(void)
{
	unsigned long long t;
	__asm__ __volatile__("rdtsc" : "=A"(t));
	return t;
}
VADOS_INTRIN void __cpuid(int info[4], int leaf)
{
	__asm__ __volatile__("cpuid" : "=a"(info[0]), "=b"(info[1]), "=c"(info[2]), "=d"(info[3])
			     : "a"(leaf), "c"(0));
}
VADOS_INTRIN void __cpuidex(int info[4], int leaf, int subleaf)
{
	__asm__ __volatile__("cpuid" : "=a"(info[0]), "=b"(info[1]), "=c"(info[2]), "=d"(info[3])
			     : "a"(leaf), "c"(subleaf));
}
#define _ReadWriteBarrier() __asm__ __volatile__("" ::: "memory")
#define _ReadBarrier()      __asm__ __volatile__("" ::: "memory")
#define _WriteBarrier()     __asm__ __volatile__("" ::: "memory")
VADOS_INTRIN void _mm_mfence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
VADOS_INTRIN void __faststorefence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
VADOS_INTRIN void *_ReturnAddress(void) { return __builtin_return_address(0); }
VADOS_INTRIN void *_AddressOfReturnAddress(void)
{
	return (char *)__builtin_frame_address(0) + sizeof(void *);
}

/* The _Interlocked family: full barriers, returning what Microsoft's do
 * (the new value for Increment/Decrement, the old one for the rest). */
VADOS_INTRIN long _InterlockedIncrement(long volatile *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedDecrement(long volatile *p) { return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
VADOS_INTRIN short _InterlockedIncrement16(short volatile *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
VADOS_INTRIN short _InterlockedDecrement16(short volatile *p) { return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedExchange(long volatile *p, long v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedExchangeAdd(long volatile *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedAnd(long volatile *p, long v) { return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedOr(long volatile *p, long v) { return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedXor(long volatile *p, long v) { return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST); }
VADOS_INTRIN long _InterlockedCompareExchange(long volatile *p, long exchange, long comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return comparand;
}
VADOS_INTRIN short _InterlockedCompareExchange16(short volatile *p, short exchange, short comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return comparand;
}
VADOS_INTRIN long long _InterlockedCompareExchange64(long long volatile *p, long long exchange,
						     long long comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return comparand;
}
VADOS_INTRIN void *_InterlockedCompareExchangePointer(void *volatile *p, void *exchange,
						      void *comparand)
{
	__atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return comparand;
}
VADOS_INTRIN void *_InterlockedExchangePointer(void *volatile *p, void *v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
VADOS_INTRIN unsigned char _interlockedbittestandset(long volatile *p, long bit)
{
	return (__atomic_fetch_or(p, 1L << (bit & 31), __ATOMIC_SEQ_CST) >> (bit & 31)) & 1;
}
VADOS_INTRIN unsigned char _interlockedbittestandreset(long volatile *p, long bit)
{
	return (__atomic_fetch_and(p, ~(1L << (bit & 31)), __ATOMIC_SEQ_CST) >> (bit & 31)) & 1;
}

/* Bits. _BitScanForward/Reverse: 0 (and *index untouched) for a zero mask. */
VADOS_INTRIN unsigned char _BitScanForward(unsigned long *index, unsigned long mask)
{
	if (!mask)
		return 0;
	*index = (unsigned long)__builtin_ctzl(mask);
	return 1;
}
VADOS_INTRIN unsigned char _BitScanReverse(unsigned long *index, unsigned long mask)
{
	if (!mask)
		return 0;
	*index = 31ul - (unsigned long)__builtin_clzl(mask);
	return 1;
}
VADOS_INTRIN unsigned char _BitScanForward64(unsigned long *index, unsigned long long mask)
{
	if (!mask)
		return 0;
	*index = (unsigned long)__builtin_ctzll(mask);
	return 1;
}
VADOS_INTRIN unsigned char _BitScanReverse64(unsigned long *index, unsigned long long mask)
{
	if (!mask)
		return 0;
	*index = 63ul - (unsigned long)__builtin_clzll(mask);
	return 1;
}
VADOS_INTRIN unsigned char _bittest(long const *p, long bit) { return (*p >> (bit & 31)) & 1; }
VADOS_INTRIN unsigned char _bittestandset(long *p, long bit)
{
	unsigned char old = _bittest(p, bit);
	*p |= 1L << (bit & 31);
	return old;
}
VADOS_INTRIN unsigned char _bittestandreset(long *p, long bit)
{
	unsigned char old = _bittest(p, bit);
	*p &= ~(1L << (bit & 31));
	return old;
}
VADOS_INTRIN unsigned char _bittestandcomplement(long *p, long bit)
{
	unsigned char old = _bittest(p, bit);
	*p ^= 1L << (bit & 31);
	return old;
}
VADOS_INTRIN unsigned int __popcnt(unsigned int v) { return (unsigned)__builtin_popcount(v); }
VADOS_INTRIN unsigned short __popcnt16(unsigned short v) { return (unsigned short)__builtin_popcount(v); }
VADOS_INTRIN unsigned int __popcnt64(unsigned long long v) { return (unsigned)__builtin_popcountll(v); }
VADOS_INTRIN unsigned int __lzcnt(unsigned int v) { return v ? (unsigned)__builtin_clz(v) : 32; }
VADOS_INTRIN unsigned char _rotl8(unsigned char v, unsigned char s)
{
	s &= 7;
	return (unsigned char)(s ? v << s | v >> (8 - s) : v);
}
VADOS_INTRIN unsigned char _rotr8(unsigned char v, unsigned char s) { return _rotl8(v, (unsigned char)(8 - (s & 7))); }
VADOS_INTRIN unsigned short _rotl16(unsigned short v, unsigned char s)
{
	s &= 15;
	return (unsigned short)(s ? v << s | v >> (16 - s) : v);
}
VADOS_INTRIN unsigned short _rotr16(unsigned short v, unsigned char s) { return _rotl16(v, (unsigned char)(16 - (s & 15))); }
VADOS_INTRIN unsigned long long __emulu(unsigned int a, unsigned int b) { return (unsigned long long)a * b; }
VADOS_INTRIN long long __emul(int a, int b) { return (long long)a * b; }
VADOS_INTRIN unsigned long long __ull_rshift(unsigned long long v, int s) { return v >> (s & 63); }
VADOS_INTRIN unsigned long long __ll_lshift(unsigned long long v, int s) { return v << (s & 63); }

/* Strings of bytes and doublewords (rep stos / rep movs). */
VADOS_INTRIN void __stosb(unsigned char *d, unsigned char v, size_t n)
{
	__asm__ __volatile__("rep stosb" : "+D"(d), "+c"(n) : "a"(v) : "memory");
}
VADOS_INTRIN void __stosd(unsigned long *d, unsigned long v, size_t n)
{
	__asm__ __volatile__("rep stosl" : "+D"(d), "+c"(n) : "a"(v) : "memory");
}
VADOS_INTRIN void __movsb(unsigned char *d, const unsigned char *s, size_t n)
{
	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}
VADOS_INTRIN void __movsd(unsigned long *d, const unsigned long *s, size_t n)
{
	__asm__ __volatile__("rep movsl" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

#undef VADOS_INTRIN

VADOS_END_DECLS

/* _rotl, _rotr, _lrotl, _lrotr, _rotl64, _rotr64, _byteswap_*: <stdlib.h>. */
#include <stdlib.h>

#endif
