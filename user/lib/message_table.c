/* The system's message table (FormatMessageA's FORMAT_MESSAGE_FROM_SYSTEM):
 * Windows' English texts, each ending "\r\n" as the message compiler leaves
 * them, for the error codes the SDK names and the common ones its callers
 * meet. */
#include <windows.h>
#include "message_table.h"

static const struct {
	DWORD id;
	const char *text;
} messages[] = {
	{ 0, "The operation completed successfully.\r\n" },
	{ 1, "Incorrect function.\r\n" },
	{ 2, "The system cannot find the file specified.\r\n" },
	{ 3, "The system cannot find the path specified.\r\n" },
	{ 4, "The system cannot open the file.\r\n" },
	{ 5, "Access is denied.\r\n" },
	{ 6, "The handle is invalid.\r\n" },
	{ 7, "The storage control blocks were destroyed.\r\n" },
	{ 8, "Not enough memory resources are available to process this command.\r\n" },
	{ 9, "The storage control block address is invalid.\r\n" },
	{ 10, "The environment is incorrect.\r\n" },
	{ 11, "An attempt was made to load a program with an incorrect format.\r\n" },
	{ 12, "The access code is invalid.\r\n" },
	{ 13, "The data is invalid.\r\n" },
	{ 14, "Not enough memory resources are available to complete this operation.\r\n" },
	{ 15, "The system cannot find the drive specified.\r\n" },
	{ 16, "The directory cannot be removed.\r\n" },
	{ 17, "The system cannot move the file to a different disk drive.\r\n" },
	{ 18, "There are no more files.\r\n" },
	{ 19, "The media is write protected.\r\n" },
	{ 21, "The device is not ready.\r\n" },
	{ 23, "Data error (cyclic redundancy check).\r\n" },
	{ 24, "The program issued a command but the command length is incorrect.\r\n" },
	{ 29, "The system cannot write to the specified device.\r\n" },
	{ 30, "The system cannot read from the specified device.\r\n" },
	{ 31, "A device attached to the system is not functioning.\r\n" },
	{ 32, "The process cannot access the file because it is being used by another "
	      "process.\r\n" },
	{ 33, "The process cannot access the file because another process has locked a "
	      "portion of the file.\r\n" },
	{ 38, "Reached the end of the file.\r\n" },
	{ 39, "The disk is full.\r\n" },
	{ 50, "The request is not supported.\r\n" },
	{ 59, "An unexpected network error occurred.\r\n" },
	{ 80, "The file exists.\r\n" },
	{ 82, "The directory or file cannot be created.\r\n" },
	{ 87, "The parameter is incorrect.\r\n" },
	{ 109, "The pipe has been ended.\r\n" },
	{ 111, "The file name is too long.\r\n" },
	{ 112, "There is not enough space on the disk.\r\n" },
	{ 120, "This function is not supported on this system.\r\n" },
	{ 121, "The semaphore timeout period has expired.\r\n" },
	{ 122, "The data area passed to a system call is too small.\r\n" },
	{ 123, "The filename, directory name, or volume label syntax is incorrect.\r\n" },
	{ 124, "The system call level is not correct.\r\n" },
	{ 126, "The specified module could not be found.\r\n" },
	{ 127, "The specified procedure could not be found.\r\n" },
	{ 131, "An attempt was made to move the file pointer before the beginning of the "
	       "file.\r\n" },
	{ 145, "The directory is not empty.\r\n" },
	{ 156, "The recipient process has refused the signal.\r\n" },
	{ 157, "The segment is already discarded and cannot be locked.\r\n" },
	{ 158, "The segment is already unlocked.\r\n" },
	{ 160, "One or more arguments are not correct.\r\n" },
	{ 161, "The specified path is invalid.\r\n" },
	{ 170, "The requested resource is in use.\r\n" },
	{ 183, "Cannot create a file when that file already exists.\r\n" },
	{ 193, "%1 is not a valid Win32 application.\r\n" },
	{ 203, "The system could not find the environment option that was entered.\r\n" },
	{ 206, "The filename or extension is too long.\r\n" },
	{ 231, "All pipe instances are busy.\r\n" },
	{ 234, "More data is available.\r\n" },
	{ 258, "The wait operation timed out.\r\n" },
	{ 259, "No more data is available.\r\n" },
	{ 267, "The directory name is invalid.\r\n" },
	{ 288, "Attempt to release mutex not owned by caller.\r\n" },
	{ 298, "Too many posts were made to a semaphore.\r\n" },
	{ 299, "Only part of a ReadProcessMemory or WriteProcessMemory request was "
	       "completed.\r\n" },
	{ 317, "The system cannot find message text for message number 0x%1 in the message "
	       "file for %2.\r\n" },
	{ 487, "Attempt to access invalid address.\r\n" },
	{ 534, "Arithmetic result exceeded 32 bits.\r\n" },
	{ 995, "The I/O operation has been aborted because of either a thread exit or an "
	       "application request.\r\n" },
	{ 996, "Overlapped I/O event is not in a signaled state.\r\n" },
	{ 997, "Overlapped I/O operation is in progress.\r\n" },
	{ 998, "Invalid access to memory location.\r\n" },
	{ 1001, "Recursion too deep; the stack overflowed.\r\n" },
	{ 1004, "Invalid flags.\r\n" },
	{ 1006, "The volume for a file has been externally altered so that the opened file is "
		"no longer valid.\r\n" },
	{ 1008, "An attempt was made to reference a token that does not exist.\r\n" },
	{ 1113, "No mapping for the Unicode character exists in the target multi-byte code "
		"page.\r\n" },
	{ 1117, "The request could not be performed because of an I/O device error.\r\n" },
	{ 1132, "The base address or the file offset specified does not have the proper "
		"alignment.\r\n" },
	{ 1168, "Element not found.\r\n" },
	{ 1223, "The operation was canceled by the user.\r\n" },
	{ 1224, "The requested operation cannot be performed on a file with a user-mapped "
		"section open.\r\n" },
	{ 1300, "Not all privileges or groups referenced are assigned to the caller.\r\n" },
	{ 1313, "A specified privilege does not exist.\r\n" },
	{ 1314, "A required privilege is not held by the client.\r\n" },
	{ 1392, "The file or directory is corrupted and unreadable.\r\n" },
	{ 1393, "The disk structure is corrupted and unreadable.\r\n" },
	{ 1450, "Insufficient system resources exist to complete the requested service.\r\n" },
	{ 1453, "Insufficient quota to complete the requested service.\r\n" },
	{ 1455, "The paging file is too small for this operation to complete.\r\n" },
	{ 1460, "This operation returned because the timeout period expired.\r\n" },
	{ 1812, "The specified image file did not contain a resource section.\r\n" },
	{ 1813, "The specified resource type cannot be found in the image file.\r\n" },
	{ 1814, "The specified resource name cannot be found in the image file.\r\n" },
	{ 1815, "The specified resource language ID cannot be found in the image file.\r\n" },
};

const char *message_table_find(DWORD id)
{
	if ((id & 0xFFFF0000UL) == 0x80070000UL)       /* HRESULT_FROM_WIN32 */
		id &= 0xFFFF;
	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (messages[i].id == id)
			return messages[i].text;
	return NULL;
}
