/* <float.h>'s control of the x87 (Microsoft's _control87 family): the x87
 * control and status words translated to and from Microsoft's portable
 * encoding, and fpenv.h's precise environment for math. */
#include <errno.h>
#include <float.h>
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

unsigned int _control87(unsigned int new_, unsigned int mask)
{
	unsigned ms = control_to_ms(x87_control());

	mask &= X87_MCW;
	if (mask) {
		ms = (ms & ~mask) | (new_ & mask);
		x87_set_control((unsigned short)control_to_x87(ms));
	}
	return ms;
}

unsigned int _controlfp(unsigned int new_, unsigned int mask)
{
	return _control87(new_, mask & ~_EM_DENORMAL);
}

int __control87_2(unsigned int new_, unsigned int mask, unsigned int *x86_cw,
		  unsigned int *sse2_cw)
{
	if (x86_cw)
		*x86_cw = _control87(new_, mask);
	if (sse2_cw)
		*sse2_cw = 0;
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

unsigned int _statusfp(void)
{
	return exceptions_convert(x87_status(), 1);
}

void _statusfp2(unsigned int *x86_sw, unsigned int *sse2_sw)
{
	if (x86_sw)
		*x86_sw = _statusfp();
	if (sse2_sw)
		*sse2_sw = 0;
}

unsigned int _clearfp(void)
{
	unsigned sw = _statusfp();

	__asm__ __volatile__("fnclex");
	return sw;
}

void _fpreset(void)
{
	__asm__ __volatile__("fninit");
	x87_set_control(X87_CW_DEFAULT);
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
}
