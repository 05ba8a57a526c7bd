/* <float.h>'s control of the x87 and SSE2 (Microsoft's _control87 family):
 * the x87 control and status words and SSE2's MXCSR translated to and from
 * Microsoft's portable encoding (as on 32-bit Windows, _control87 and
 * _controlfp set both units when SSE2 is there), and fpenv.h's precise
 * environment for math (the x87's: the SDK's code uses no SSE). */
#include <errno.h>
#include <float.h>
#include <windows.h>
#include "crt_thread.h"
#include "fpenv.h"

/* The x87's bits: the six exception flags (status) and masks (control),
 * the status word's stack fault and summary, and the control word's
 * precision (bits 8-9), rounding (10-11) and infinity (12) fields. */
#define X87_IE 0x01u
#define X87_DE 0x02u
#define X87_ZE 0x04u
#define X87_OE 0x08u
#define X87_UE 0x10u
#define X87_PE 0x20u
#define X87_EXCEPTIONS 0x3fu
#define X87_SF 0x40u
#define X87_ES 0x80u
#define X87_BUSY 0x8000u
#define X87_PC_SHIFT 8
#define X87_RC_SHIFT 10
#define X87_IC 0x1000u
#define X87_CW_DEFAULT 0x027fu          /* _CW_DEFAULT */
#define X87_CW_PRECISE 0x037fu          /* 64-bit precision, nearest, all masked */
/* The masks _control87 may change on the x87 (_MCW_DN is SSE2's). */
#define X87_MCW (_MCW_EM | _MCW_IC | _MCW_RC | _MCW_PC)

/* MXCSR: the same six flags in bits 0-5, denormals-are-zero, their masks
 * 7 bits up, rounding in bits 13-14 (the x87's encoding), flush-to-zero. */
#define MXCSR_FLAGS 0x3fu
#define MXCSR_DAZ 0x40u
#define MXCSR_MASK_SHIFT 7
#define MXCSR_RC_SHIFT 13
#define MXCSR_FZ 0x8000u
#define MXCSR_DEFAULT 0x1f80u
/* The masks SSE2's word has (no precision or infinity control). */
#define SSE_MCW (_MCW_EM | _MCW_RC | _MCW_DN)

/* x87 exception bits and Microsoft's, in the same order (the _EM_ masks
 * and _SW_ flags share their values). */
static const struct { unsigned x87, ms; } exception_bits[] = {
	{ X87_IE, _SW_INVALID }, { X87_DE, _SW_DENORMAL }, { X87_ZE, _SW_ZERODIVIDE },
	{ X87_OE, _SW_OVERFLOW }, { X87_UE, _SW_UNDERFLOW }, { X87_PE, _SW_INEXACT },
};
/* Precision control 0 (24-bit), 1 (reserved: read as 24), 2 (53), 3 (64). */
static const unsigned precision_ms[4] = { _PC_24, _PC_24, _PC_53, _PC_64 };

/* The exception bits of word (x87's when to_ms, else Microsoft's) in the
 * other encoding. */
static unsigned exceptions_convert(unsigned word, int to_ms)
{
	unsigned out = 0;

	for (unsigned i = 0; i < sizeof(exception_bits) / sizeof(exception_bits[0]); i++)
		if (word & (to_ms ? exception_bits[i].x87 : exception_bits[i].ms))
			out |= to_ms ? exception_bits[i].ms : exception_bits[i].x87;
	return out;
}

static unsigned short x87_control(void)
{
	unsigned short cw;

	__asm__ __volatile__("fnstcw %0" : "=m"(cw));
	return cw;
}

static unsigned short x87_status(void)
{
	unsigned short sw;

	__asm__ __volatile__("fnstsw %0" : "=m"(sw));
	return sw;
}

static void x87_set_control(unsigned short cw)
{
	__asm__ __volatile__("fldcw %0" : : "m"(cw));
}

static unsigned control_to_ms(unsigned cw)
{
	unsigned pc = (cw >> X87_PC_SHIFT) & 3, rc = (cw >> X87_RC_SHIFT) & 3;

	return exceptions_convert(cw & X87_EXCEPTIONS, 1) | precision_ms[pc] |
	       rc << 8 | ((cw & X87_IC) ? _IC_AFFINE : _IC_PROJECTIVE);
}

static unsigned control_to_x87(unsigned ms)
{
	unsigned pc = (ms & _MCW_PC) == _PC_24 ? 0 : (ms & _MCW_PC) == _PC_53 ? 2 : 3;

	/* Bit 6 is reserved and reads as 1 (fninit's 0x037F). */
	return exceptions_convert(ms, 0) | 0x40u | pc << X87_PC_SHIFT |
	       ((ms & _MCW_RC) >> 8) << X87_RC_SHIFT | ((ms & _MCW_IC) ? X87_IC : 0);
}

/* Whether SSE2 is there (and which denormal controls MXCSR has): asked
 * once per process. */
static int sse2_state = -1, sse2_daz;

static int sse2(void)
{
	if (sse2_state < 0) {
		sse2_daz = IsProcessorFeaturePresent(PF_SSE_DAZ_MODE_AVAILABLE);
		sse2_state = IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE);
	}
	return sse2_state;
}

static unsigned mxcsr_get(void)
{
	unsigned m;

	__asm__ __volatile__("stmxcsr %0" : "=m"(m));
	return m;
}

static void mxcsr_set(unsigned m)
{
	__asm__ __volatile__("ldmxcsr %0" : : "m"(m));
}

/* MXCSR's control half in Microsoft's encoding: masks, rounding, _DN_. */
static unsigned mxcsr_to_ms(unsigned m)
{
	unsigned dn = (m & MXCSR_DAZ ? 1u : 0u) | (m & MXCSR_FZ ? 2u : 0u);
	static const unsigned dn_ms[4] = { _DN_SAVE, _DN_FLUSH_OPERANDS_SAVE_RESULTS,
					   _DN_SAVE_OPERANDS_FLUSH_RESULTS, _DN_FLUSH };

	return exceptions_convert(m >> MXCSR_MASK_SHIFT & X87_EXCEPTIONS, 1) |
	       (m >> MXCSR_RC_SHIFT & 3) << 8 | dn_ms[dn];
}

/* MXCSR with the controls of ms and old's flags; denormals-are-zero only
 * where the CPU has it (loading it elsewhere faults). */
static unsigned mxcsr_from_ms(unsigned ms, unsigned old)
{
	unsigned dn = ms & _MCW_DN, m = (old & MXCSR_FLAGS) |
		exceptions_convert(ms, 0) << MXCSR_MASK_SHIFT |
		((ms & _MCW_RC) >> 8) << MXCSR_RC_SHIFT;

	if ((dn == _DN_FLUSH || dn == _DN_FLUSH_OPERANDS_SAVE_RESULTS) && sse2_daz)
		m |= MXCSR_DAZ;
	if (dn == _DN_FLUSH || dn == _DN_SAVE_OPERANDS_FLUSH_RESULTS)
		m |= MXCSR_FZ;
	return m;
}

/* Sets the x87's controls mask names to new_'s; its word after. */
static unsigned x87_update(unsigned new_, unsigned mask)
{
	unsigned ms = control_to_ms(x87_control());

	mask &= X87_MCW;
	if (mask) {
		ms = (ms & ~mask) | (new_ & mask);
		x87_set_control((unsigned short)control_to_x87(ms));
	}
	return ms;
}

/* The same on SSE2's MXCSR (there must be SSE2). */
static unsigned sse2_update(unsigned new_, unsigned mask)
{
	unsigned m = mxcsr_get(), ms = mxcsr_to_ms(m);

	mask &= SSE_MCW;
	if (mask) {
		mxcsr_set(mxcsr_from_ms((ms & ~mask) | (new_ & mask), m));
		ms = mxcsr_to_ms(mxcsr_get());
	}
	return ms;
}

/* Both units: the x87's word with SSE2's _DN_ bits, and _EM_AMBIGUOUS when
 * their masks or rounding differ (Microsoft's warning that one word cannot
 * say both). */
unsigned int _control87(unsigned int new_, unsigned int mask)
{
	unsigned x87 = x87_update(new_, mask), sse;

	if (!sse2())
		return x87;
	sse = sse2_update(new_, mask);
	return x87 | (sse & _MCW_DN) |
	       (((x87 ^ sse) & (_MCW_EM | _MCW_RC)) ? _EM_AMBIGUOUS : 0);
}

unsigned int _controlfp(unsigned int new_, unsigned int mask)
{
	return _control87(new_, mask & ~_EM_DENORMAL);
}

int __control87_2(unsigned int new_, unsigned int mask, unsigned int *x86_cw,
		  unsigned int *sse2_cw)
{
	if (x86_cw)
		*x86_cw = x87_update(new_, mask);
	if (sse2_cw)
		*sse2_cw = sse2() ? sse2_update(new_, mask) : 0;
	return 1;
}

int _controlfp_s(unsigned int *currentControl, unsigned int new_, unsigned int mask)
{
	unsigned cw;

	if (mask & ~(_MCW_DN | _MCW_EM | _MCW_IC | _MCW_RC | _MCW_PC))
		return crt_invalid_parameter();
	cw = _controlfp(new_, mask);
	if (currentControl)
		*currentControl = cw;
	return 0;
}

/* SSE2's sticky flags in Microsoft's encoding (0 without SSE2). */
static unsigned sse2_status(void)
{
	return sse2() ? exceptions_convert(mxcsr_get() & MXCSR_FLAGS, 1) : 0;
}

unsigned int _statusfp(void)
{
	return exceptions_convert(x87_status(), 1) | sse2_status();
}

void _statusfp2(unsigned int *x86_sw, unsigned int *sse2_sw)
{
	if (x86_sw)
		*x86_sw = exceptions_convert(x87_status(), 1);
	if (sse2_sw)
		*sse2_sw = sse2_status();
}

unsigned int _clearfp(void)
{
	unsigned sw = _statusfp();

	__asm__ __volatile__("fnclex");
	if (sse2())
		mxcsr_set(mxcsr_get() & ~MXCSR_FLAGS);
	return sw;
}

void _fpreset(void)
{
	__asm__ __volatile__("fninit");
	x87_set_control(X87_CW_DEFAULT);
	if (sse2())
		mxcsr_set(MXCSR_DEFAULT);
}

unsigned short fpenv_precise_enter(void)
{
	unsigned short cw = x87_control();

	x87_set_control(X87_CW_PRECISE);
	return cw;
}

void fpenv_precise_leave(unsigned short cw)
{
	struct { unsigned short cw, cw_high, sw, sw_high; unsigned rest[5]; } env;

	__asm__ __volatile__("fnstenv %0" : "=m"(env));
	env.sw &= (unsigned short)~((~cw & X87_EXCEPTIONS) | X87_ES | X87_BUSY);
	env.cw = cw;
	__asm__ __volatile__("fldenv %0" : : "m"(env));
}

void fpenv_set_status(unsigned int flags, unsigned int mask)
{
	struct { unsigned short cw, cw_high, sw, sw_high; unsigned rest[5]; } env;
	unsigned x87_mask = exceptions_convert(mask, 0), unmasked;

	__asm__ __volatile__("fnstenv %0" : "=m"(env));
	env.sw = (unsigned short)((env.sw & ~x87_mask) | (exceptions_convert(flags, 0) & x87_mask));
	unmasked = env.sw & ~env.cw & X87_EXCEPTIONS;
	env.sw = (unsigned short)((env.sw & ~(X87_ES | X87_BUSY)) | (unmasked ? X87_ES | X87_BUSY : 0));
	__asm__ __volatile__("fldenv %0" : : "m"(env));
	if (sse2())             /* MXCSR's flags: the x87's bits, and no trap for them */
		mxcsr_set((mxcsr_get() & ~x87_mask) | (exceptions_convert(flags, 0) & x87_mask));
}
