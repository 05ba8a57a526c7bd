/* The system's message table (message_table.c). Private to user/lib. */
#ifndef USER_LIB_MESSAGE_TABLE_H
#define USER_LIB_MESSAGE_TABLE_H

#include <windows.h>

/* The English text of system message id (a Win32 error code, or one
 * wrapped by HRESULT_FROM_WIN32), or NULL when the table has none. */
const char *message_table_find(DWORD id);

#endif
