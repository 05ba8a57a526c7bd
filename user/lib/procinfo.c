/* Get/SetProcessInformation and Get/SetThreadInformation (vados/
 * winprocinfo.h): each class's structure is checked here, then kept or read
 * by the kernel through SYS_SETTING (kernel/sys/sys_settings.c), which
 * checks the handle's rights. */
#include <windows.h>
#include <psapi.h>
#include <string.h>
#include "win32call.h"

enum { OF_PROCESS, OF_THREAD };

/* SYS_SETTING: FALSE with the last error on failure; *value in: what to
 * set, out: the value now. */
static BOOL setting(uint32_t kind, HANDLE h, uint32_t index, BOOL set, uint32_t *value)
{
	uint32_t a[5] = { kind, (uint32_t)h, index, (uint32_t)set, *value };

	return win32_call(SYS_SETTING, a, value);
}

static BOOL invalid(void)
{
	SetLastError(ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* One class: its structure's size, and how to get and set it (NULL: not
 * offered in that direction). */
struct info_class {
	DWORD size;
	BOOL (*get)(uint32_t kind, HANDLE h, void *buf);
	BOOL (*set)(uint32_t kind, HANDLE h, const void *buf);
};

/* A class of table (count of them): checks the class, size and buffer as
 * Windows does, in that order, then gets or sets it. */
static BOOL info_call(const struct info_class *table, DWORD count, uint32_t kind, DWORD cls,
		      HANDLE h, void *buf, DWORD size, BOOL set)
{
	const struct info_class *c = cls < count ? &table[cls] : NULL;

	if (!c || !(set ? (void *)c->set : (void *)c->get))
		return invalid();
	if (size != c->size) {
		SetLastError(ERROR_BAD_LENGTH);
		return FALSE;
	}
	if (set ? IsBadReadPtr(buf, size) : IsBadWritePtr(buf, size)) {
		SetLastError(ERROR_NOACCESS);
		return FALSE;
	}
	return set ? c->set(kind, h, buf) : c->get(kind, h, buf);
}

/* A one-word class: the kernel's word as is. */
static BOOL word_get(uint32_t kind, HANDLE h, uint32_t index, void *buf)
{
	uint32_t v = 0;

	if (!setting(kind, h, index, FALSE, &v))
		return FALSE;
	*(ULONG *)buf = v;
	return TRUE;
}

static BOOL memory_priority_get(uint32_t kind, HANDLE h, void *buf)
{
	return word_get(kind, h, VADOS_SETTING_MEMORY_PRIORITY, buf);
}

static BOOL memory_priority_set(uint32_t kind, HANDLE h, const void *buf)
{
	uint32_t v = ((const MEMORY_PRIORITY_INFORMATION *)buf)->MemoryPriority;

	if (v > MEMORY_PRIORITY_NORMAL)
		return invalid();
	return setting(kind, h, VADOS_SETTING_MEMORY_PRIORITY, TRUE, &v);
}

/* PROCESS_ and THREAD_POWER_THROTTLING_STATE share a layout; the masks
 * are kept in one word, control low, state high. */
static BOOL power_get(uint32_t kind, HANDLE h, void *buf)
{
	PROCESS_POWER_THROTTLING_STATE *s = buf;
	uint32_t v = 0;

	if (!setting(kind, h, VADOS_SETTING_POWER, FALSE, &v))
		return FALSE;
	s->Version = PROCESS_POWER_THROTTLING_CURRENT_VERSION;
	s->ControlMask = v & 0xffff;
	s->StateMask = v >> 16;
	return TRUE;
}

static BOOL power_set(uint32_t kind, HANDLE h, const void *buf)
{
	const PROCESS_POWER_THROTTLING_STATE *s = buf;
	uint32_t valid = kind == OF_THREAD ? THREAD_POWER_THROTTLING_VALID_FLAGS
					   : PROCESS_POWER_THROTTLING_VALID_FLAGS;
	uint32_t v = s->ControlMask | s->StateMask << 16;

	if (s->Version != PROCESS_POWER_THROTTLING_CURRENT_VERSION || (s->ControlMask & ~valid) ||
	    (s->StateMask & ~s->ControlMask))
		return invalid();
	return setting(kind, h, VADOS_SETTING_POWER, TRUE, &v);
}

static BOOL leap_get(uint32_t kind, HANDLE h, void *buf)
{
	PROCESS_LEAP_SECOND_INFO *l = buf;

	l->Reserved = 0;
	return word_get(kind, h, VADOS_SETTING_LEAP_SECONDS, &l->Flags);
}

static BOOL leap_set(uint32_t kind, HANDLE h, const void *buf)
{
	const PROCESS_LEAP_SECOND_INFO *l = buf;
	uint32_t v = l->Flags;

	if ((v & ~PROCESS_LEAP_SECOND_INFO_VALID_FLAGS) || l->Reserved)
		return invalid();
	return setting(kind, h, VADOS_SETTING_LEAP_SECONDS, TRUE, &v);
}

static BOOL exhaustion_set(uint32_t kind, HANDLE h, const void *buf)
{
	const PROCESS_MEMORY_EXHAUSTION_INFO *e = buf;
	uint32_t v = e->Value;

	if (e->Version != PME_CURRENT_VERSION || e->Reserved || e->Type >= PMETypeMax ||
	    e->Value > PME_FAILFAST_ON_COMMIT_FAIL_ENABLE)
		return invalid();
	return setting(kind, h, VADOS_SETTING_EXHAUSTION, TRUE, &v);
}

/* The process's commit (as GetProcessMemoryInfo counts it) beside the
 * system's (GlobalMemoryStatusEx's page-file figures: commit). */
static BOOL app_memory_get(uint32_t kind, HANDLE h, void *buf)
{
	APP_MEMORY_INFORMATION *m = buf;
	PROCESS_MEMORY_COUNTERS_EX c;
	MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

	(void)kind;
	if (!GetProcessMemoryInfo(h, (PPROCESS_MEMORY_COUNTERS)&c, sizeof(c)) ||
	    !GlobalMemoryStatusEx(&ms))
		return FALSE;
	m->AvailableCommit = ms.ullAvailPageFile;
	m->PrivateCommitUsage = c.PrivateUsage;
	m->PeakPrivateCommitUsage = c.PeakPagefileUsage;
	m->TotalCommitUsage = ms.ullTotalPageFile - ms.ullAvailPageFile;
	return TRUE;
}

/* A constant answer, once the handle has proved it may be asked. */
static BOOL constant_get(uint32_t kind, HANDLE h, void *buf, const void *answer, DWORD size)
{
	uint32_t v = 0;

	if (!setting(kind, h, VADOS_SETTING_MEMORY_PRIORITY, FALSE, &v))
		return FALSE;
	memcpy(buf, answer, size);
	return TRUE;
}

static BOOL protection_get(uint32_t kind, HANDLE h, void *buf)
{
	static const PROCESS_PROTECTION_LEVEL_INFORMATION none = { PROTECTION_LEVEL_NONE };

	return constant_get(kind, h, buf, &none, sizeof(none));
}

static BOOL machine_get(uint32_t kind, HANDLE h, void *buf)
{
	static const PROCESS_MACHINE_INFORMATION native = { IMAGE_FILE_MACHINE_I386, 0,
							  UserEnabled | KernelEnabled };

	return constant_get(kind, h, buf, &native, sizeof(native));
}

static BOOL base_priority_get(uint32_t kind, HANDLE h, void *buf)
{
	return word_get(kind, h, VADOS_SETTING_THREAD_BASE, buf);
}

static BOOL base_priority_set(uint32_t kind, HANDLE h, const void *buf)
{
	uint32_t v = (uint32_t)*(const LONG *)buf;

	return setting(kind, h, VADOS_SETTING_THREAD_BASE, TRUE, &v);
}

static BOOL dynamic_code_get(uint32_t kind, HANDLE h, void *buf)
{
	return word_get(kind, h, VADOS_SETTING_DYNAMIC_CODE, buf);
}

static BOOL dynamic_code_set(uint32_t kind, HANDLE h, const void *buf)
{
	uint32_t v = *(const DWORD *)buf;

	if (v > THREAD_DYNAMIC_CODE_ALLOW)
		return invalid();
	return setting(kind, h, VADOS_SETTING_DYNAMIC_CODE, TRUE, &v);
}

static const struct info_class process_classes[ProcessInformationClassMax] = {
	[ProcessMemoryPriority] = { sizeof(MEMORY_PRIORITY_INFORMATION), memory_priority_get,
				    memory_priority_set },
	[ProcessMemoryExhaustionInfo] = { sizeof(PROCESS_MEMORY_EXHAUSTION_INFO), NULL,
					  exhaustion_set },
	[ProcessAppMemoryInfo] = { sizeof(APP_MEMORY_INFORMATION), app_memory_get, NULL },
	[ProcessPowerThrottling] = { sizeof(PROCESS_POWER_THROTTLING_STATE), power_get,
				     power_set },
	[ProcessProtectionLevelInfo] = { sizeof(PROCESS_PROTECTION_LEVEL_INFORMATION),
					 protection_get, NULL },
	[ProcessLeapSecondInfo] = { sizeof(PROCESS_LEAP_SECOND_INFO), leap_get, leap_set },
	[ProcessMachineTypeInfo] = { sizeof(PROCESS_MACHINE_INFORMATION), machine_get, NULL },
};

static const struct info_class thread_classes[ThreadInformationClassMax] = {
	[ThreadMemoryPriority] = { sizeof(MEMORY_PRIORITY_INFORMATION), memory_priority_get,
				   memory_priority_set },
	[ThreadAbsoluteCpuPriority] = { sizeof(LONG), base_priority_get, base_priority_set },
	[ThreadDynamicCodePolicy] = { sizeof(DWORD), dynamic_code_get, dynamic_code_set },
	[ThreadPowerThrottling] = { sizeof(THREAD_POWER_THROTTLING_STATE), power_get, power_set },
};

BOOL WINAPI GetProcessInformation(HANDLE hProcess, PROCESS_INFORMATION_CLASS ProcessInformationClass,
				  LPVOID ProcessInformation, DWORD ProcessInformationSize)
{
	return info_call(process_classes, ProcessInformationClassMax, OF_PROCESS,
			 ProcessInformationClass, hProcess, ProcessInformation,
			 ProcessInformationSize, FALSE);
}

BOOL WINAPI SetProcessInformation(HANDLE hProcess, PROCESS_INFORMATION_CLASS ProcessInformationClass,
				  LPVOID ProcessInformation, DWORD ProcessInformationSize)
{
	return info_call(process_classes, ProcessInformationClassMax, OF_PROCESS,
			 ProcessInformationClass, hProcess, ProcessInformation,
			 ProcessInformationSize, TRUE);
}

BOOL WINAPI GetThreadInformation(HANDLE hThread, THREAD_INFORMATION_CLASS ThreadInformationClass,
				 LPVOID ThreadInformation, DWORD ThreadInformationSize)
{
	return info_call(thread_classes, ThreadInformationClassMax, OF_THREAD,
			 ThreadInformationClass, hThread, ThreadInformation, ThreadInformationSize,
			 FALSE);
}

BOOL WINAPI SetThreadInformation(HANDLE hThread, THREAD_INFORMATION_CLASS ThreadInformationClass,
				 LPVOID ThreadInformation, DWORD ThreadInformationSize)
{
	return info_call(thread_classes, ThreadInformationClassMax, OF_THREAD,
			 ThreadInformationClass, hThread, ThreadInformation, ThreadInformationSize,
			 TRUE);
}
