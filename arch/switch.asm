; Kernel context switch. The callee-saved registers go on the old thread's
; stack, its ESP into *save; then the new thread's stack is loaded and popped.
;   void arch_switch_context(uint32_t *save, uint32_t new_esp);
; A new thread's stack is laid out (by arch_prepare_stack) as if it had
; switched out just before calling its entry trampoline.

section .text
global arch_switch_context
arch_switch_context:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret

section .note.GNU-stack noalloc noexec nowrite progbits
