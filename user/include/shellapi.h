/* <shellapi.h> for vados: shell32's CommandLineToArgvW, declared by
 * <windows.h> (vados/winwide.h). */
#ifndef _SHELLAPI_H
#define _SHELLAPI_H

#include <windows.h>

#endif
