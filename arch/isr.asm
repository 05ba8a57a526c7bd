; Interrupt entry stubs: one per vector, all funnel into isr_common, which saves a
; struct trap_frame (arch/trap.h) and calls trap_dispatch.

SEL_KDATA equ 0x10
SEL_UDATA equ 0x23
SEL_UCODE equ 0x1b
TRAP_SYSENTER equ 0x2f    ; arch/sysenter.h
TRAP_SYSEXIT equ 0x12f
EFLAGS_IF equ 0x200
EFLAGS_TF equ 0x100

extern trap_dispatch, trap_double_fault, sysenter_stepped

section .text

%macro STUB 1
isr_stub_%1:
%if !(%1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30)
    push dword 0                ; vectors without a CPU error code get a zero one
%endif
    push dword %1
    jmp isr_common
%endmacro

%assign v 0
%rep 256
STUB v
%assign v v + 1
%endrep

; Loads SEL_KDATA into segment register %1 unless it holds a flat data
; segment already (SEL_KDATA or SEL_UDATA, both base 0, limit 4 GB).
%macro ENSURE_FLAT 1
    mov ax, %1
    cmp ax, SEL_UDATA
    je %%flat
    cmp ax, SEL_KDATA
    je %%flat
    mov ax, SEL_KDATA
    mov %1, ax
%%flat:
%endmacro

; Pops the frame's selector into segment register %1 unless it holds it.
%macro RESTORE_SEG 1
    mov ax, %1
    cmp ax, [esp]
    je %%same
    mov %1, [esp]
%%same:
    add esp, 4
%endmacro

isr_common:
    pusha
    push ds
    push es
    push fs
    push gs
    push dword 0                ; cr2 slot
    ; A segment load is slow (under TCG: a descriptor fetch in a helper), so
    ; DS and ES are loaded only when they are not already one of the two flat
    ; data segments (ring 3 may leave anything in them, a null selector too).
    ENSURE_FLAT ds
    ENSURE_FLAT es
    cld
    ; Gates do not clear EFLAGS.AC: left set (by a user popf, or by a copy
    ; routine that was interrupted) it would switch SMAP off in the handler.
    ; iret restores the interrupted value from the frame.
    pushfd
    and dword [esp], ~0x40000
    popfd
    push esp
    call trap_dispatch
    add esp, 8                  ; argument and cr2 slot
global trap_return
trap_return:
    ; Each segment register is reloaded only if the frame holds another
    ; selector (see isr_common).
    RESTORE_SEG gs
    RESTORE_SEG fs
    RESTORE_SEG es
    RESTORE_SEG ds
    popa
    cmp dword [esp], TRAP_SYSEXIT
    je .sysexit
    add esp, 8                  ; vector and error code
    iret
.sysexit:
    ; sysenter_leave found that sysexit restores what iret would: EIP from
    ; EDX, ESP from ECX (the landing takes both as clobbered), the flags
    ; popped here with IF off until sti, whose shadow covers sysexit.
    mov edx, [esp + 8]          ; eip
    mov ecx, [esp + 20]         ; user esp
    and dword [esp + 16], ~EFLAGS_IF
    add esp, 16
    popfd
    sti
    sysexit

; sysenter lands here with interrupts off, ESP at the trampoline's top word
; (the SYSENTER_ESP MSR, see arch/sysenter.c), ring 3's ESP in ECX and its
; return address in EBX. Builds the frame an int 0x2E from ring 3 would have.
global sysenter_entry, sysenter_entry_first_end
sysenter_entry:
    mov esp, [esp]              ; the running thread's kernel stack top
sysenter_entry_first_end:
    push dword SEL_UDATA        ; ss
    push ecx                    ; esp
    pushfd                      ; ring 3's flags but IF, which sysenter cleared
    or dword [esp], EFLAGS_IF
    push dword 2                ; the kernel runs on clean flags: sysenter keeps
    popfd                       ; NT (an iret with NT set is a task return), DF, AC
    push dword SEL_UCODE        ; cs
    push ebx                    ; eip: the return address
    push ebx                    ; error slot: the same, for sysenter_leave
    push dword TRAP_SYSENTER
    ; DS is still ring 3's (maybe null): SS is the kernel's since sysenter.
    cmp byte [ss:sysenter_stepped], 0
    je isr_common
    mov byte [ss:sysenter_stepped], 0
    or dword [esp + 16], EFLAGS_TF      ; eflags: ring 3 was single-stepping
    jmp isr_common

; The double-fault task: entered by a task switch onto its own stack, with the
; faulting context saved in kernel_tss. The error code (always 0) is on the stack.
global trap_double_fault_entry
trap_double_fault_entry:
    xor ebp, ebp
    call trap_double_fault
.halt:
    cli
    hlt
    jmp .halt

%macro STUB_ADDR 1
    dd isr_stub_%1
%endmacro

section .rodata
global isr_stub_table
isr_stub_table:
%assign v 0
%rep 256
STUB_ADDR v
%assign v v + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
