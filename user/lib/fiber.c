/* Fibers (vados/winthreads.h), as Windows keeps them: a fiber is a heap
 * block whose first word is its parameter (GetFiberData), named by the TEB's
 * NtTib.FiberData while it runs. Switching saves the callee-saved registers
 * on the running fiber's stack and its TEB parts (the SEH list head fs:[0],
 * StackBase, StackLimit, DeallocationStack, FlsData; the x87 control word,
 * and MXCSR where the CPU has SSE, with FIBER_FLAG_FLOAT_SWITCH) in its block, and loads the other's: the
 * kernel grows the stack the TEB names through its guard page
 * (ps_stack_guard_hit), and frees it when the thread ends on it. */
#include <stddef.h>
#include <windows.h>
#include "user/lib/runtime.h"

#define PAGE            4096u
#define MB              0x00100000u
#define STACK_GRANULE   0x00010000u
/* The image's stack sizes (the kernel's USER_STACK_RESERVE and _COMMIT). */
#define DEFAULT_RESERVE MB
#define DEFAULT_COMMIT  (2 * PAGE)
#define X87_DEFAULT_CW  0x027f  /* Windows' initial x87 control word */
#define MXCSR_DEFAULT   0x1f80  /* and MXCSR: every SSE exception masked */
/* The block's own flag beside FIBER_FLAG_FLOAT_SWITCH: MXCSR switches too. */
#define FIBER_SWITCH_MXCSR 0x80000000u
/* NT_TIB's Version, which shares FiberData's place: a thread that is no
 * fiber holds it there (the kernel puts it in every new TEB), so its
 * GetCurrentFiber reads 0x1E00, as on Windows. */
#define TIB_VERSION     ((PVOID)0x1e00)

struct fiber {
	PVOID parameter;                /* first: GetFiberData reads it here */
	PVOID exception_list;           /* the TEB's parts while switched out */
	PVOID stack_base, stack_limit, deallocation_stack;
	PVOID fls_data;
	DWORD esp;                      /* its saved EDI, ESI, EBX, EBP, return */
	DWORD flags;                    /* FIBER_FLAG_FLOAT_SWITCH, FIBER_SWITCH_MXCSR */
	WORD fpu_control;
	DWORD mxcsr;
	LPFIBER_START_ROUTINE start;
	BOOL own_stack;                 /* CreateFiber's stack, not a thread's */
};

/* SwitchToFiber's assembly uses these offsets. */
VADOS_STATIC_ASSERT(offsetof(struct fiber, exception_list) == 4 &&
		    offsetof(struct fiber, stack_base) == 8 &&
		    offsetof(struct fiber, stack_limit) == 12 &&
		    offsetof(struct fiber, deallocation_stack) == 16 &&
		    offsetof(struct fiber, fls_data) == 20 && offsetof(struct fiber, esp) == 24 &&
		    offsetof(struct fiber, flags) == 28 && offsetof(struct fiber, fpu_control) == 32 &&
		    offsetof(struct fiber, mxcsr) == 36,
		    "SwitchToFiber's offsets");
VADOS_STATIC_ASSERT(offsetof(TEB, FlsData) == 0xfb4 && offsetof(TEB, SameTebFlags) == 0xfca,
		    "the TEB's fiber fields");

/* The registers are pushed before the TEB changes, so those pushes fault on
 * (and grow) the stack the TEB still names; the new fiber's pops come after
 * its stack is the TEB's. */
__asm__(".text\n"
	".globl SwitchToFiber\n"
	".type SwitchToFiber, @function\n"
	"SwitchToFiber:\n\t"
	"pushl %ebp\n\tpushl %ebx\n\tpushl %esi\n\tpushl %edi\n\t"
	"movl 20(%esp), %edx\n\t"               /* the fiber to run */
	"movl %fs:0x18, %ecx\n\t"               /* the TEB */
	"movl 0x10(%ecx), %eax\n\t"             /* the running fiber */
	"movl %esp, 24(%eax)\n\t"
	"movl 0x0(%ecx), %ebx\n\tmovl %ebx, 4(%eax)\n\t"
	"movl 0x4(%ecx), %ebx\n\tmovl %ebx, 8(%eax)\n\t"
	"movl 0x8(%ecx), %ebx\n\tmovl %ebx, 12(%eax)\n\t"
	"movl 0xe0c(%ecx), %ebx\n\tmovl %ebx, 16(%eax)\n\t"
	"movl 0xfb4(%ecx), %ebx\n\tmovl %ebx, 20(%eax)\n\t"
	"testl $1, 28(%eax)\n\tjz 1f\n\tfnstcw 32(%eax)\n\t"
	"testl $0x80000000, 28(%eax)\n\tjz 1f\n\tstmxcsr 36(%eax)\n"
	"1:\tmovl %edx, 0x10(%ecx)\n\t"
	"movl 4(%edx), %ebx\n\tmovl %ebx, 0x0(%ecx)\n\t"
	"movl 8(%edx), %ebx\n\tmovl %ebx, 0x4(%ecx)\n\t"
	"movl 12(%edx), %ebx\n\tmovl %ebx, 0x8(%ecx)\n\t"
	"movl 16(%edx), %ebx\n\tmovl %ebx, 0xe0c(%ecx)\n\t"
	"movl 20(%edx), %ebx\n\tmovl %ebx, 0xfb4(%ecx)\n\t"
	"testl $1, 28(%edx)\n\tjz 2f\n\tfldcw 32(%edx)\n\t"
	"testl $0x80000000, 28(%edx)\n\tjz 2f\n\tldmxcsr 36(%edx)\n"
	"2:\tmovl 24(%edx), %esp\n\t"
	"popl %edi\n\tpopl %esi\n\tpopl %ebx\n\tpopl %ebp\n\t"
	"ret $4\n"
	".size SwitchToFiber, . - SwitchToFiber\n");

/* Where a new fiber's first switch returns to: its start routine, then, as
 * Windows documents, the thread's end (exit code 1, Windows' value) when
 * that returns. */
static __attribute__((noreturn, used)) void fiber_start(void)
{
	struct fiber *f = GetCurrentFiber();

	f->start(f->parameter);
	ExitThread(1);
}

static BOOL flags_valid(DWORD flags)
{
	if (flags & ~(DWORD)FIBER_FLAG_FLOAT_SWITCH) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return TRUE;
}

/* A zeroed fiber block for parameter and flags, or NULL. */
static struct fiber *fiber_new(LPVOID parameter, DWORD flags)
{
	struct fiber *f = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*f));

	if (!f) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	f->parameter = parameter;
	f->flags = flags;
	if ((flags & FIBER_FLAG_FLOAT_SWITCH) &&
	    IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE))
		f->flags |= FIBER_SWITCH_MXCSR;
	return f;
}

/* The running thread's stack, registers and FLS become fiber f. */
LPVOID WINAPI ConvertThreadToFiberEx(LPVOID lpParameter, DWORD dwFlags)
{
	PTEB teb = NtCurrentTeb();
	struct fiber *f;

	if (!flags_valid(dwFlags))
		return NULL;
	if (IsThreadAFiber()) {
		SetLastError(ERROR_ALREADY_FIBER);
		return NULL;
	}
	if (!(f = fiber_new(lpParameter, dwFlags)))
		return NULL;
	teb->NtTib.FiberData = f;
	teb->SameTebFlags |= TEB_HAS_FIBER_DATA;
	return f;
}

LPVOID WINAPI ConvertThreadToFiber(LPVOID lpParameter)
{
	return ConvertThreadToFiberEx(lpParameter, 0);
}

/* The running fiber's block goes; its stack and FLS stay the thread's. */
BOOL WINAPI ConvertFiberToThread(VOID)
{
	PTEB teb = NtCurrentTeb();

	if (!IsThreadAFiber()) {
		SetLastError(ERROR_ALREADY_THREAD);
		return FALSE;
	}
	HeapFree(GetProcessHeap(), 0, teb->NtTib.FiberData);
	teb->NtTib.FiberData = TIB_VERSION;
	teb->SameTebFlags &= ~TEB_HAS_FIBER_DATA;
	return TRUE;
}

BOOL WINAPI IsThreadAFiber(VOID)
{
	return (NtCurrentTeb()->SameTebFlags & TEB_HAS_FIBER_DATA) != 0;
}

/* Windows' stack sizes, as CreateThread's: the commit in pages, the
 * reservation in 64 KB steps, grown in 1 MB steps to hold the commit, a
 * guard page and the never-committed last page. False when it cannot fit
 * the user address space. */
static BOOL stack_sizes(SIZE_T commit_size, SIZE_T reserve_size, DWORD *commit, DWORD *reserve)
{
	unsigned long long c = commit_size ? commit_size : DEFAULT_COMMIT;
	unsigned long long r = reserve_size ? reserve_size : DEFAULT_RESERVE;

	c = (c + PAGE - 1) & ~(unsigned long long)(PAGE - 1);
	r = (r + STACK_GRANULE - 1) & ~(unsigned long long)(STACK_GRANULE - 1);
	if (c + 2 * PAGE > r)
		r = (c + 2 * PAGE + MB - 1) & ~(unsigned long long)(MB - 1);
	if (r >= 0x80000000ull)
		return FALSE;
	*commit = (DWORD)c;
	*reserve = (DWORD)r;
	return TRUE;
}

/* f's stack: reserved, its top commit bytes read-write, a guard page
 * below them, and the first frame SwitchToFiber pops into fiber_start. */
static BOOL stack_make(struct fiber *f, DWORD commit, DWORD reserve)
{
	char *low = VirtualAlloc(NULL, reserve, MEM_RESERVE, PAGE_READWRITE), *top;
	DWORD *frame;

	if (!low)
		return FALSE;
	top = low + reserve;
	if (!VirtualAlloc(top - commit, commit, MEM_COMMIT, PAGE_READWRITE) ||
	    !VirtualAlloc(top - commit - PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD)) {
		VirtualFree(low, 0, MEM_RELEASE);
		return FALSE;
	}
	f->deallocation_stack = low;
	f->stack_base = top;
	f->stack_limit = top - commit;
	f->exception_list = (PVOID)-1;
	f->own_stack = TRUE;
	/* EDI ESI EBX EBP, the return to fiber_start, SwitchToFiber's argument
	 * (ret $4 drops it), fiber_start's null return: its ESP + 4 is 16-aligned. */
	frame = (DWORD *)(top - 28);
	frame[0] = frame[1] = frame[2] = frame[3] = 0;
	frame[4] = (DWORD)fiber_start;
	frame[5] = frame[6] = 0;
	f->esp = (DWORD)frame;
	return TRUE;
}

LPVOID WINAPI CreateFiberEx(SIZE_T dwStackCommitSize, SIZE_T dwStackReserveSize, DWORD dwFlags,
			    LPFIBER_START_ROUTINE lpStartAddress, LPVOID lpParameter)
{
	DWORD commit, reserve;
	struct fiber *f;

	if (!flags_valid(dwFlags))
		return NULL;
	if (!stack_sizes(dwStackCommitSize, dwStackReserveSize, &commit, &reserve)) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (!(f = fiber_new(lpParameter, dwFlags)))
		return NULL;
	f->start = lpStartAddress;
	f->fpu_control = X87_DEFAULT_CW;
	f->mxcsr = MXCSR_DEFAULT;
	if (!stack_make(f, commit, reserve)) {
		HeapFree(GetProcessHeap(), 0, f);
		return NULL;
	}
	return f;
}

LPVOID WINAPI CreateFiber(SIZE_T dwStackSize, LPFIBER_START_ROUTINE lpStartAddress,
			  LPVOID lpParameter)
{
	return CreateFiberEx(dwStackSize, 0, 0, lpStartAddress, lpParameter);
}

/* Another fiber: its FLS callbacks run (on the caller), its stack and block
 * go. The running one: its thread ends with code 1 (Windows' value); the
 * kernel frees the stack it ends on and ExitThread its FLS. */
VOID WINAPI DeleteFiber(LPVOID lpFiber)
{
	struct fiber *f = lpFiber;
	PTEB teb = NtCurrentTeb();

	if (f == teb->NtTib.FiberData) {
		HeapFree(GetProcessHeap(), 0, f);
		teb->NtTib.FiberData = TIB_VERSION;
		teb->SameTebFlags &= ~TEB_HAS_FIBER_DATA;
		ExitThread(1);
	}
	__vados_fls_release(f->fls_data);
	if (f->own_stack)
		VirtualFree(f->deallocation_stack, 0, MEM_RELEASE);
	HeapFree(GetProcessHeap(), 0, f);
}
