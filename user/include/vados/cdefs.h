/* What the SDK's headers need to be included from C++ as well as C: C linkage
 * for their declarations, and C11's static assertion spelled for both. Also
 * Microsoft's compiler keywords that code written for it uses (calling
 * conventions, __int64, __forceinline, __declspec as GCC attributes). */
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

#ifndef __cdecl
#define __cdecl    __attribute__((cdecl))
#endif
#ifndef __stdcall
#define __stdcall  __attribute__((stdcall))
#endif
#ifndef __fastcall
#define __fastcall __attribute__((fastcall))
#endif
#ifndef _cdecl
#define _cdecl     __cdecl
#endif
#ifndef _stdcall
#define _stdcall   __stdcall
#endif
#ifndef __int8
#define __int8     char
#define __int16    short
#define __int32    int
#define __int64    long long
#endif
#ifndef __forceinline
#define __forceinline __inline__ __attribute__((always_inline))
#endif
#ifndef __declspec
#define __declspec(x) __attribute__((x))
#endif

#endif
