/* RtlCompareMemory (<windows.h>, vados/winmisc.h); the other Rtl*Memory
 * calls are macros over the C library. */
#include <windows.h>

SIZE_T WINAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
	const BYTE *a = Source1, *b = Source2;
	SIZE_T n = 0;

	while (n < Length && a[n] == b[n])
		n++;
	return n;
}
