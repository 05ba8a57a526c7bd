/* <fenv.h> over <float.h>'s x87 control (float_control.c): the rounding
 * mode and exception masks through _controlfp, the flags through
 * _statusfp and fpenv_set_status. */
#include <fenv.h>
#include <stddef.h>
#include "fpenv.h"

/* The control bits an environment carries. */
#define FENV_CONTROL (_MCW_EM | _MCW_RC | _MCW_PC | _MCW_IC)

const fenv_t _Fenv0 = { _CW_DEFAULT & FENV_CONTROL, 0 };

int fegetround(void)
{
	return (int)(_controlfp(0, 0) & FE_ROUND_MASK);
}

int fesetround(int round)
{
	if ((unsigned)round & ~FE_ROUND_MASK)
		return 1;
	_controlfp((unsigned)round, _MCW_RC);
	return 0;
}

int feclearexcept(int excepts)
{
	if ((unsigned)excepts & ~FE_ALL_EXCEPT)
		return 1;
	fpenv_set_status(0, (unsigned)excepts);
	return 0;
}

int fetestexcept(int excepts)
{
	return (int)(_statusfp() & (unsigned)excepts & FE_ALL_EXCEPT);
}

/* The flags set, then a waiting instruction: an unmasked one is raised. */
int feraiseexcept(int excepts)
{
	if ((unsigned)excepts & ~FE_ALL_EXCEPT)
		return 1;
	fpenv_set_status((unsigned)excepts, (unsigned)excepts);
	__asm__ __volatile__("fwait");
	return 0;
}

int fegetexceptflag(fexcept_t *flags, int excepts)
{
	if (!flags || ((unsigned)excepts & ~FE_ALL_EXCEPT))
		return 1;
	*flags = _statusfp() & (unsigned)excepts;
	return 0;
}

int fesetexceptflag(const fexcept_t *flags, int excepts)
{
	if (!flags || ((unsigned)excepts & ~FE_ALL_EXCEPT))
		return 1;
	fpenv_set_status((unsigned)*flags, (unsigned)excepts);
	return 0;
}

int fegetenv(fenv_t *env)
{
	if (!env)
		return 1;
	env->_Fe_ctl = _controlfp(0, 0) & FENV_CONTROL;
	env->_Fe_stat = _statusfp() & FE_ALL_EXCEPT;
	return 0;
}

int fesetenv(const fenv_t *env)
{
	if (!env)
		return 1;
	_controlfp((unsigned)env->_Fe_ctl, FENV_CONTROL);
	fpenv_set_status((unsigned)env->_Fe_stat, FE_ALL_EXCEPT);
	return 0;
}

int feholdexcept(fenv_t *env)
{
	if (fegetenv(env))
		return 1;
	fpenv_set_status(0, FE_ALL_EXCEPT);
	_controlfp(_MCW_EM, _MCW_EM);
	return 0;
}

int feupdateenv(const fenv_t *env)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);

	if (fesetenv(env))
		return 1;
	return feraiseexcept(raised);
}
