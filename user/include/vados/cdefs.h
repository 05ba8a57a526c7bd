/* What the SDK's headers need to be included from C++ as well as C: C linkage
 * for their declarations, and C11's static assertion spelled for both. */
#ifndef VADOS_CDEFS_H
#define VADOS_CDEFS_H

#ifdef __cplusplus
#define VADOS_BEGIN_DECLS extern "C" {
#define VADOS_END_DECLS   }
#define VADOS_STATIC_ASSERT static_assert
#else
#define VADOS_BEGIN_DECLS
#define VADOS_END_DECLS
#define VADOS_STATIC_ASSERT _Static_assert
#endif

#endif
