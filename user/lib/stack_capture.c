/* The caller's registers and stack as ntdll gives them (vados/winmisc.h):
 * RtlCaptureContext and RtlCaptureStackBackTrace (CaptureStackBackTrace),
 * the latter walking the EBP chain the SDK keeps (-fno-omit-frame-pointer)
 * within the thread's stack (its TEB's StackBase). */
#include <stddef.h>
#include <windows.h>

/* The CONTEXT offsets the assembly below writes. */
_Static_assert(offsetof(CONTEXT, SegGs) == 0x8c && offsetof(CONTEXT, Edi) == 0x9c &&
	       offsetof(CONTEXT, Eax) == 0xb0 && offsetof(CONTEXT, Ebp) == 0xb4 &&
	       offsetof(CONTEXT, SegSs) == 0xc8, "CONTEXT offsets");

/* VOID WINAPI RtlCaptureContext(PCONTEXT): CONTEXT_FULL as the caller will
 * be once it returns: Eip the return address, Esp past the argument, the
 * other registers as they are (eax included: it is read first). */
__asm__(".text\n"
	".globl RtlCaptureContext\n"
	"RtlCaptureContext:\n"
	"	pushl %ebx\n"
	"	movl 8(%esp), %ebx\n"
	"	movl %eax, 0xb0(%ebx)\n"
	"	movl %ecx, 0xac(%ebx)\n"
	"	movl %edx, 0xa8(%ebx)\n"
	"	popl 0xa4(%ebx)\n"
	"	movl %esi, 0xa0(%ebx)\n"
	"	movl %edi, 0x9c(%ebx)\n"
	"	movl %ebp, 0xb4(%ebx)\n"
	"	movl (%esp), %eax\n"
	"	movl %eax, 0xb8(%ebx)\n"
	"	leal 8(%esp), %eax\n"
	"	movl %eax, 0xc4(%ebx)\n"
	"	pushfl\n"
	"	popl 0xc0(%ebx)\n"
	"	xorl %eax, %eax\n"
	"	movw %gs, %ax\n"
	"	movl %eax, 0x8c(%ebx)\n"
	"	movw %fs, %ax\n"
	"	movl %eax, 0x90(%ebx)\n"
	"	movw %es, %ax\n"
	"	movl %eax, 0x94(%ebx)\n"
	"	movw %ds, %ax\n"
	"	movl %eax, 0x98(%ebx)\n"
	"	movw %cs, %ax\n"
	"	movl %eax, 0xbc(%ebx)\n"
	"	movw %ss, %ax\n"
	"	movl %eax, 0xc8(%ebx)\n"
	"	movl $0x10007, (%ebx)\n"        /* CONTEXT_FULL */
	"	movl 0xa4(%ebx), %ebx\n"
	"	ret $4\n");

/* Up to FramesToCapture return addresses of the callers, the first
 * FramesToSkip skipped (0: BackTrace[0] is in this function's caller);
 * *BackTraceHash (if given) is their sum. Stops at a frame outside the
 * stack or not above the last one. */
WINAPI USHORT RtlCaptureStackBackTrace(ULONG FramesToSkip, ULONG FramesToCapture,
				       PVOID *BackTrace, PULONG BackTraceHash)
{
	ULONG_PTR top = (ULONG_PTR)NtCurrentTeb()->NtTib.StackBase;
	ULONG_PTR *frame = __builtin_frame_address(0);
	ULONG hash = 0;
	USHORT n = 0;

	while (n < FramesToCapture && n < 0xffff) {
		ULONG_PTR *up;

		if ((ULONG_PTR)frame & 3 || (ULONG_PTR)(frame + 2) > top || !frame[1])
			break;
		if (FramesToSkip)
			FramesToSkip--;
		else
			hash += (ULONG)(BackTrace[n++] = (PVOID)frame[1]);
		up = (ULONG_PTR *)frame[0];
		if (up <= frame)
			break;
		frame = up;
	}
	if (BackTraceHash)
		*BackTraceHash = hash;
	return n;
}
