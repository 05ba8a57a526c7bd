/* <fenv.h>: C99's floating-point environment as Microsoft's C runtime has
 * it, over the x87 (user/lib/crt_fenv.c). The values are <float.h>'s: the
 * rounding modes _RC_*, the exceptions _SW_*. */
#ifndef _FENV_H
#define _FENV_H

#include <float.h>
#include "vados/cdefs.h"

VADOS_BEGIN_DECLS

#define FE_TONEAREST  _RC_NEAR
#define FE_UPWARD     _RC_UP
#define FE_DOWNWARD   _RC_DOWN
#define FE_TOWARDZERO _RC_CHOP
#define FE_ROUND_MASK _MCW_RC

#define FE_INEXACT    _SW_INEXACT
#define FE_UNDERFLOW  _SW_UNDERFLOW
#define FE_OVERFLOW   _SW_OVERFLOW
#define FE_DIVBYZERO  _SW_ZERODIVIDE
#define FE_INVALID    _SW_INVALID
#define FE_ALL_EXCEPT (FE_DIVBYZERO | FE_INEXACT | FE_INVALID | FE_OVERFLOW | FE_UNDERFLOW)

typedef unsigned long fexcept_t;
/* The control word (_controlfp's encoding) and the exception flags. */
typedef struct fenv_t {
	unsigned long _Fe_ctl, _Fe_stat;
} fenv_t;

/* The environment every thread starts with: _CW_DEFAULT, no flags. */
extern const fenv_t _Fenv0;
#define FE_DFL_ENV (&_Fenv0)

/* Each returns 0 on success, nonzero for an argument outside its set (a
 * mode not FE_ROUND_MASK's, exceptions not FE_ALL_EXCEPT's, a NULL
 * pointer), nothing changed. fetestexcept: the flags of excepts set. The
 * x87 raises an unmasked exception whose flag is set at its next waiting
 * instruction: feraiseexcept raises so; fesetenv and fesetexceptflag set
 * such a flag only when the exception is masked or the caller wants that. */
int fegetround(void);
int fesetround(int round);
int feclearexcept(int excepts);
int fetestexcept(int excepts);
int feraiseexcept(int excepts);
int fegetexceptflag(fexcept_t *flags, int excepts);
int fesetexceptflag(const fexcept_t *flags, int excepts);
int fegetenv(fenv_t *env);
int fesetenv(const fenv_t *env);
/* Saves the environment in *env, clears the flags and masks every
 * exception (non-stop mode). */
int feholdexcept(fenv_t *env);
/* Installs *env, then raises the exceptions whose flags were set. */
int feupdateenv(const fenv_t *env);

VADOS_END_DECLS

#endif
