/* <float.h>: the compiler's FLT_, DBL_ and LDBL_ limits, and Microsoft's C
 * library extensions for the floating-point unit (user/lib/float_control.c,
 * math.c): the control word in Microsoft's portable encoding (_MCW_*, _EM_*,
 * _RC_*, _PC_*, _IC_*, _DN_*), the status word (_SW_*), _FPE_ codes for a
 * SIGFPE handler, and _fpclass's classes. The SDK's code computes on the
 * x87; SSE2, where the CPU has it, is a program's own (its MXCSR follows
 * _control87, and the _DN_ denormal bits are SSE2's alone). */
#ifndef _VADOS_FLOAT_H
#define _VADOS_FLOAT_H

#include_next <float.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

/* The control word: masks (which bits a call changes) and values. */
#define _MCW_DN 0x03000000u             /* denormal control (SSE2) */
#define _MCW_EM 0x0008001Fu             /* interrupt exception masks */
#define _MCW_IC 0x00040000u             /* infinity control */
#define _MCW_RC 0x00000300u             /* rounding control */
#define _MCW_PC 0x00030000u             /* precision control */

#define _EM_INVALID    0x00000010u
#define _EM_DENORMAL   0x00080000u
#define _EM_ZERODIVIDE 0x00000008u
#define _EM_OVERFLOW   0x00000004u
#define _EM_UNDERFLOW  0x00000002u
#define _EM_INEXACT    0x00000001u
#define _EM_AMBIGUIOUS 0x80000000u      /* Microsoft's spelling, and the fixed one */
#define _EM_AMBIGUOUS  0x80000000u

#define _IC_AFFINE     0x00040000u
#define _IC_PROJECTIVE 0x00000000u

#define _RC_CHOP 0x00000300u
#define _RC_UP   0x00000200u
#define _RC_DOWN 0x00000100u
#define _RC_NEAR 0x00000000u

#define _PC_24 0x00020000u
#define _PC_53 0x00010000u
#define _PC_64 0x00000000u

#define _DN_SAVE                        0x00000000u
#define _DN_FLUSH                       0x01000000u
#define _DN_FLUSH_OPERANDS_SAVE_RESULTS 0x02000000u
#define _DN_SAVE_OPERANDS_FLUSH_RESULTS 0x03000000u

/* Every thread starts with it (x87 control word 0x027F): all exceptions
 * masked, 53-bit precision, round to nearest. */
#define _CW_DEFAULT (_RC_NEAR + _PC_53 + _EM_INVALID + _EM_ZERODIVIDE + _EM_OVERFLOW + \
		     _EM_UNDERFLOW + _EM_INEXACT + _EM_DENORMAL)

/* The status word: the sticky exception flags. */
#define _SW_INEXACT    0x00000001u
#define _SW_UNDERFLOW  0x00000002u
#define _SW_OVERFLOW   0x00000004u
#define _SW_ZERODIVIDE 0x00000008u
#define _SW_INVALID    0x00000010u
#define _SW_DENORMAL   0x00080000u
#define _SW_UNEMULATED     0x0040
#define _SW_SQRTNEG        0x0080
#define _SW_STACKOVERFLOW  0x0200
#define _SW_STACKUNDERFLOW 0x0400

/* A SIGFPE handler's second argument (Microsoft's numbering). */
#define _FPE_INVALID        0x81
#define _FPE_DENORMAL       0x82
#define _FPE_ZERODIVIDE     0x83
#define _FPE_OVERFLOW       0x84
#define _FPE_UNDERFLOW      0x85
#define _FPE_INEXACT        0x86
#define _FPE_UNEMULATED     0x87
#define _FPE_SQRTNEG        0x88
#define _FPE_STACKOVERFLOW  0x8a
#define _FPE_STACKUNDERFLOW 0x8b
#define _FPE_EXPLICITGEN    0x8c
#define _FPE_MULTIPLE_TRAPS 0x8d
#define _FPE_MULTIPLE_FAULTS 0x8e

/* _fpclass's answers. */
#define _FPCLASS_SNAN 0x0001            /* signaling NaN */
#define _FPCLASS_QNAN 0x0002            /* quiet NaN */
#define _FPCLASS_NINF 0x0004            /* negative infinity */
#define _FPCLASS_NN   0x0008            /* negative normal */
#define _FPCLASS_ND   0x0010            /* negative denormal */
#define _FPCLASS_NZ   0x0020            /* -0 */
#define _FPCLASS_PZ   0x0040            /* +0 */
#define _FPCLASS_PD   0x0080            /* positive denormal */
#define _FPCLASS_PN   0x0100            /* positive normal */
#define _FPCLASS_PINF 0x0200            /* positive infinity */

/* The control word, after setting the bits mask names to new's (mask 0:
 * only read), on the x87 and on SSE2 when the CPU has it (_MCW_DN is
 * SSE2's alone; _MCW_PC and _MCW_IC the x87's): the x87's word with SSE2's
 * _DN_ bits, plus _EM_AMBIGUOUS when the two differ in masks or rounding.
 * _controlfp leaves _EM_DENORMAL alone; _control87 sets it too. */
unsigned int _control87(unsigned int new_, unsigned int mask);
unsigned int _controlfp(unsigned int new_, unsigned int mask);
/* _control87 on the x87's word (*x86_cw gets it, NULL: not touched) and
 * SSE2's (*sse2_cw gets it, NULL: not touched; 0 without SSE2). Returns 1. */
int __control87_2(unsigned int new_, unsigned int mask, unsigned int *x86_cw,
		  unsigned int *sse2_cw);
/* _controlfp's, *currentControl (when not NULL) the word after. A mask with
 * bits outside _MCW_DN, _EM, _IC, _RC, _PC: the invalid parameter handler,
 * then EINVAL (errno too), nothing changed. */
int _controlfp_s(unsigned int *currentControl, unsigned int new_, unsigned int mask);
/* The status: the x87's and SSE2's flags together (_statusfp2: each), and
 * _clearfp clears both. */
unsigned int _clearfp(void);            /* the status word, then clears it */
unsigned int _statusfp(void);
void _statusfp2(unsigned int *x86_sw, unsigned int *sse2_sw);
void _fpreset(void);                    /* a fresh x87 (_CW_DEFAULT, no flags, empty stack) and MXCSR */

int _isnan(double x);
int _finite(double x);
int _fpclass(double x);
double _copysign(double x, double y);
double _chgsign(double x);
double _logb(double x);
double _nextafter(double x, double y);
double _scalb(double x, long exp);

VADOS_END_DECLS

#endif
