/* The Win32 error codes the kernel returns to ring 3: one definition, with
 * Windows' values (winerror.h), for every layer. */
#ifndef KERNEL_RTL_WINERROR_H
#define KERNEL_RTL_WINERROR_H

#define ERROR_SUCCESS              0u
#define ERROR_INVALID_FUNCTION     1u
#define ERROR_FILE_NOT_FOUND       2u
#define ERROR_PATH_NOT_FOUND       3u
#define ERROR_ACCESS_DENIED        5u
#define ERROR_INVALID_HANDLE       6u
#define ERROR_NOT_ENOUGH_MEMORY    8u
#define ERROR_INVALID_DRIVE        15u
#define ERROR_NOT_SAME_DEVICE      17u
#define ERROR_NO_MORE_FILES        18u
#define ERROR_CRC                  23u
#define ERROR_GEN_FAILURE          31u
#define ERROR_BAD_LENGTH           24u
#define ERROR_MORE_DATA            234u
#define ERROR_SHARING_VIOLATION    32u
#define ERROR_LOCK_VIOLATION       33u
#define ERROR_HANDLE_EOF           38u
#define ERROR_NOT_SUPPORTED        50u
#define ERROR_UNEXP_NET_ERR        59u
#define ERROR_FILE_EXISTS          80u
#define ERROR_CANNOT_MAKE          82u
#define ERROR_BAD_NETPATH          53u
#define ERROR_INVALID_PARAMETER    87u
#define ERROR_NEGATIVE_SEEK        131u
#define ERROR_BROKEN_PIPE          109u
#define ERROR_NO_DATA              232u
#define ERROR_DISK_FULL            112u
#define ERROR_INSUFFICIENT_BUFFER  122u
#define ERROR_INVALID_NAME         123u
#define ERROR_DIR_NOT_EMPTY        145u
#define ERROR_SIGNAL_REFUSED       156u
#define ERROR_NOT_LOCKED           158u
#define ERROR_BUSY                 170u
#define ERROR_ALREADY_EXISTS       183u
#define ERROR_BAD_EXE_FORMAT       193u
#define ERROR_FILENAME_EXCED_RANGE 206u
#define ERROR_NO_MORE_ITEMS        259u
#define ERROR_DIRECTORY            267u
#define ERROR_NOT_OWNER            288u
#define ERROR_TOO_MANY_POSTS       298u
#define ERROR_PARTIAL_COPY         299u
#define ERROR_THREAD_MODE_ALREADY_BACKGROUND 400u
#define ERROR_THREAD_MODE_NOT_BACKGROUND     401u
#define ERROR_INVALID_ADDRESS      487u
#define ERROR_OPERATION_ABORTED    995u
#define ERROR_IO_PENDING           997u
#define ERROR_NOACCESS             998u
#define ERROR_UNRECOGNIZED_VOLUME  1005u
#define ERROR_FILE_INVALID         1006u
#define ERROR_IO_DEVICE            1117u
#define ERROR_NOTIFY_CLEANUP       745u
#define ERROR_NOTIFY_ENUM_DIR      1022u
#define ERROR_NOT_FOUND            1168u
#define ERROR_NOT_SAME_OBJECT      1656u
#define ERROR_MAPPED_ALIGNMENT     1132u
#define ERROR_USER_MAPPED_FILE     1224u
#define ERROR_PRIVILEGE_NOT_HELD   1314u
#define ERROR_ABANDONED_WAIT_0     735u
#define ERROR_FILE_CORRUPT         1392u
#define ERROR_DISK_CORRUPT         1393u
#define ERROR_NO_SYSTEM_RESOURCES  1450u
#define ERROR_WORKING_SET_QUOTA    1453u
#define ERROR_COMMITMENT_LIMIT     1455u
#define ERROR_NOT_ENOUGH_QUOTA     1816u
/* Not an ERROR_ value: what Windows leaves for GetLastError when VirtualLock
 * meets a guard page (its NTSTATUS, STATUS_GUARD_PAGE_VIOLATION, unmapped). */
#define ERROR_LOCK_GUARD_PAGE      0x80000001u

#endif
