/* <psapi.h>'s working-set calls over the kernel's working-set limits. */
#include <windows.h>
#include <psapi.h>

/* Takes every page that can go out of the process's working set, as
 * SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1) does. */
BOOL WINAPI EmptyWorkingSet(HANDLE hProcess)
{
	return SetProcessWorkingSetSize(hProcess, (SIZE_T)-1, (SIZE_T)-1);
}
