/* Processor affinity and the ideal processor as Microsoft documents them,
 * on vados's CPUs: the process and system masks are the active processors'
 * (GetSystemInfo), SetProcessAffinityMask and SetThreadAffinityMask take a
 * nonzero subset (the latter returning the previous mask, 0 on failure),
 * anything else is ERROR_INVALID_PARAMETER; SetThreadIdealProcessor(Ex)
 * take an existing processor of group 0 (MAXIMUM_PROCESSORS only asks);
 * handles without the documented rights are ERROR_ACCESS_DENIED, bad ones
 * ERROR_INVALID_HANDLE; the group calls see group 0 alone (the current
 * processor's, a thread's and a process's groups, SetThreadGroupAffinity
 * refusing another group); GetLogicalProcessorInformationEx's records (a
 * core per CPU, a NUMA node, a package, a group; sizes as laid out; too
 * small a buffer gives the size needed). */
#include <windows.h>

#define TEST_NAME "processor-affinity"
#include "check.h"

int main(void)
{
	SYSTEM_INFO si;
	DWORD_PTR pm = 0, sm = 0, all;
	PROCESSOR_NUMBER ideal = { 0, 0, 0 }, previous = { 7, 7, 7 };
	HANDLE query, thread = GetCurrentThread(), process = GetCurrentProcess();

	GetSystemInfo(&si);
	all = si.dwActiveProcessorMask;
	CHECK(GetProcessAffinityMask(process, &pm, &sm) && pm == all && sm == all,
	      "masks %lx %lx, want %lx", pm, sm, all);
	CHECK(SetProcessAffinityMask(process, all), "SetProcessAffinityMask(all): %lu",
	      GetLastError());
	CHECK(SetProcessAffinityMask(process, 1), "SetProcessAffinityMask(1): %lu",
	      GetLastError());
	FAILS(SetProcessAffinityMask(process, 0), FALSE, ERROR_INVALID_PARAMETER);
	if (~all)
		FAILS(SetProcessAffinityMask(process, ~all), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetProcessAffinityMask(NULL, &pm, &sm), FALSE, ERROR_INVALID_HANDLE);
	FAILS(SetProcessAffinityMask((HANDLE)0x1234, 1), FALSE, ERROR_INVALID_HANDLE);

	CHECK(SetThreadAffinityMask(thread, 1) == all, "previous mask");
	CHECK(SetThreadAffinityMask(thread, all) == all, "previous mask again");
	FAILS(SetThreadAffinityMask(thread, 0), 0, ERROR_INVALID_PARAMETER);
	if (~all)
		FAILS(SetThreadAffinityMask(thread, ~all), 0, ERROR_INVALID_PARAMETER);
	FAILS(SetThreadAffinityMask(NULL, 1), 0, ERROR_INVALID_HANDLE);
	query = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentThreadId());
	CHECK(query != NULL, "OpenThread: %lu", GetLastError());
	FAILS(SetThreadAffinityMask(query, 1), 0, ERROR_ACCESS_DENIED);
	FAILS(SetThreadIdealProcessor(query, 0), (DWORD)-1, ERROR_ACCESS_DENIED);
	CHECK(GetThreadIdealProcessorEx(query, &ideal), "GetThreadIdealProcessorEx: %lu",
	      GetLastError());
	CloseHandle(query);

	CHECK(SetThreadIdealProcessor(thread, 0) == 0, "previous ideal processor");
	CHECK(SetThreadIdealProcessor(thread, MAXIMUM_PROCESSORS) == 0, "asked, not set");
	FAILS(SetThreadIdealProcessor(thread, si.dwNumberOfProcessors), (DWORD)-1,
	      ERROR_INVALID_PARAMETER);
	FAILS(SetThreadIdealProcessor(NULL, 0), (DWORD)-1, ERROR_INVALID_HANDLE);
	CHECK(SetThreadIdealProcessorEx(thread, &ideal, &previous) && previous.Group == 0 &&
	      previous.Number == 0, "SetThreadIdealProcessorEx: %lu", GetLastError());
	ideal.Group = 1;
	FAILS(SetThreadIdealProcessorEx(thread, &ideal, NULL), FALSE, ERROR_INVALID_PARAMETER);
	ideal.Group = 0;
	ideal.Number = (BYTE)si.dwNumberOfProcessors;
	FAILS(SetThreadIdealProcessorEx(thread, &ideal, NULL), FALSE, ERROR_INVALID_PARAMETER);
	CHECK(GetCurrentProcessorNumber() < si.dwNumberOfProcessors, "processor number");
	CHECK(GetActiveProcessorCount(0) == si.dwNumberOfProcessors, "active processors");

	PROCESSOR_NUMBER now = { 9, 9, 9 };
	GROUP_AFFINITY ga = { 0 }, prev = { 0 };
	USHORT groups = 0, group_array[2] = { 7, 7 };
	GetCurrentProcessorNumberEx(&now);
	CHECK(now.Group == 0 && now.Number < si.dwNumberOfProcessors, "processor number ex");
	CHECK(GetThreadGroupAffinity(thread, &ga) && ga.Group == 0 && ga.Mask == all,
	      "thread group affinity %lx", (unsigned long)ga.Mask);
	ga.Mask = 1;
	CHECK(SetThreadGroupAffinity(thread, &ga, &prev) && prev.Group == 0 && prev.Mask,
	      "SetThreadGroupAffinity: %lu", GetLastError());
	ga.Group = 1;
	FAILS(SetThreadGroupAffinity(thread, &ga, NULL), FALSE, ERROR_INVALID_PARAMETER);
	ga.Group = 0;
	ga.Mask = 0;
	FAILS(SetThreadGroupAffinity(thread, &ga, NULL), FALSE, ERROR_INVALID_PARAMETER);
	FAILS(GetProcessGroupAffinity(process, &groups, group_array), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(groups == 1, "groups needed %u", groups);
	groups = 2;
	CHECK(GetProcessGroupAffinity(process, &groups, group_array) && groups == 1 &&
	      group_array[0] == 0, "process groups");
	static BYTE lpi[4096];
	DWORD len = 8, cores = 0, kinds = 0;
	FAILS(GetLogicalProcessorInformationEx(RelationAll, (PVOID)lpi, &len), FALSE,
	      ERROR_INSUFFICIENT_BUFFER);
	CHECK(len == si.dwNumberOfProcessors * 44 + 44 + 44 + 76, "RelationAll needs %lu", len);
	CHECK(GetLogicalProcessorInformationEx(RelationAll, (PVOID)lpi, &len), "Ex: %lu",
	      GetLastError());
	for (DWORD at = 0; at < len;) {
		PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX e = (PVOID)(lpi + at);
		kinds |= 1u << e->Relationship;
		if (e->Relationship == RelationProcessorCore)
			cores += e->Processor.GroupCount == 1 && e->Processor.GroupMask[0].Group == 0 &&
				 (e->Processor.GroupMask[0].Mask & all);
		if (e->Relationship == RelationGroup)
			CHECK(e->Group.ActiveGroupCount == 1 &&
			      e->Group.GroupInfo[0].ActiveProcessorMask == all &&
			      e->Group.GroupInfo[0].ActiveProcessorCount == si.dwNumberOfProcessors,
			      "group record");
		at += e->Size;
	}
	CHECK(cores == si.dwNumberOfProcessors && kinds == ((1u << RelationProcessorCore) |
	      (1u << RelationNumaNode) | (1u << RelationProcessorPackage) | (1u << RelationGroup)),
	      "cores %lu, kinds %lx", cores, kinds);
	len = sizeof(lpi);
	CHECK(GetLogicalProcessorInformationEx(RelationProcessorCore, (PVOID)lpi, &len) &&
	      len == si.dwNumberOfProcessors * 44, "cores only: %lu", len);
	FAILS(GetLogicalProcessorInformationEx((LOGICAL_PROCESSOR_RELATIONSHIP)7, (PVOID)lpi, &len),
	      FALSE, ERROR_INVALID_PARAMETER);
	printf("processor-affinity: %d failures\n", failures);
	return failures != 0;
}
