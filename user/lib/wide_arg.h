/* What the W calls share (user/lib/wide_arg.c): their strings in CP437,
 * the code page of the A calls they call, one UTF-16 unit per byte. */
#ifndef USER_LIB_WIDE_ARG_H
#define USER_LIB_WIDE_ARG_H

#include <windows.h>

/* w in CP437 on the process heap in *out (NULL for NULL); FALSE with
 * ERROR_NOACCESS (unreadable), ERROR_INVALID_NAME (a character CP437
 * lacks) or ERROR_NOT_ENOUGH_MEMORY. */
BOOL wide_arg(LPCWSTR w, char **out);

/* Frees what wide_arg or wide_scratch made (NULL: nothing), keeping the
 * last error. */
void wide_free(char *a);

/* The value of call, an A call that names w's CP437 form `a`; fail when w
 * does not convert (wide_arg's error stays), the conversion freed after. */
#define WIDE_CALL(w, fail, call)                                                         \
	({                                                                               \
		char *a;                                                                 \
		__typeof__(call) wide_r = (fail);                                        \
		if (wide_arg((w), &a)) {                                                 \
			wide_r = (call);                                                 \
			wide_free(a);                                                    \
		}                                                                        \
		wide_r;                                                                  \
	})

/* WIDE_CALL for an A call of two names, `from` (w1's form) and `to` (w2's). */
#define WIDE_CALL2(w1, w2, fail, call)                                                   \
	({                                                                               \
		char *from, *to = NULL;                                                  \
		__typeof__(call) wide_r = (fail);                                        \
		if (wide_arg((w1), &from) && wide_arg((w2), &to))                        \
			wide_r = (call);                                                 \
		wide_free(from);                                                         \
		wide_free(to);                                                           \
		wide_r;                                                                  \
	})

/* For a W call's output buffer w of n WCHARs: a zeroed CP437 buffer of n
 * bytes in *out for the A call (NULL when w is NULL or n is 0: the A call
 * judges those); FALSE with ERROR_NOACCESS (w not writable) or
 * ERROR_NOT_ENOUGH_MEMORY. */
BOOL wide_scratch(LPWSTR w, DWORD n, char **out);

/* The value of call, an A call that writes its string into `a`, a
 * wide_scratch buffer standing for w's n WCHARs; 0 when that cannot be made
 * (its error stays). What call wrote is widened into w when call returned
 * nonzero. */
#define WIDE_OUT(w, n, call)                                                             \
	({                                                                               \
		char *a;                                                                 \
		__typeof__(call) wide_r = 0;                                             \
		if (wide_scratch((w), (n), &a)) {                                        \
			wide_r = (call);                                                 \
			if (wide_r)                                                      \
				wide_widen(a, (w), (n));                                 \
			wide_free(a);                                                    \
		}                                                                        \
		wide_r;                                                                  \
	})

/* Copies the CP437 string a into w as UTF-16: up to and including its NUL,
 * at most n units. */
void wide_widen(const char *a, LPWSTR w, DWORD n);

/* n UTF-16 units of w as CP437 bytes into a[n], '?' for what CP437 lacks. */
void wide_narrow_lossy(LPCWSTR w, DWORD n, char *a);

#endif
