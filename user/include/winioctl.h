/* <winioctl.h> for vados: the device-control codes and structures
 * (vados/winioctl.h, which <windows.h> includes). */
#include <windows.h>
