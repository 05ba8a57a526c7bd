/* <assert.h> as Microsoft's C runtime: a false assertion prints
 * "Assertion failed: EXPR, file FILE, line N" to stderr and calls abort
 * (status 3). With NDEBUG defined, assert is nothing. Included again, it
 * follows NDEBUG anew, as C says. */
#include "vados/cdefs.h"

#undef assert
#ifdef NDEBUG
#define assert(expression) ((void)0)
#else
VADOS_BEGIN_DECLS
__attribute__((noreturn)) void _assert(const char *message, const char *file, unsigned line);
VADOS_END_DECLS
#define assert(expression) \
	((void)(!!(expression) || (_assert(#expression, __FILE__, (unsigned)__LINE__), 0)))
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif
