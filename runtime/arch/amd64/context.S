// context.S for amd64 (System V ABI): mg_context_save / mg_context_resume.
//
// Context layout (8-byte words): rbp, resume address, rsp, rbx, r12, r13,
// r14, r15. The first three are the layout of LLVM's llvm.eh.sjlj.setjmp,
// which compiled code uses to save its context inline (see
// codegen/gen_defer.c): code after that setjmp assumes every register
// clobbered, so it needs only those three back, and the other words of such
// a context are never read by it. mg_context_save fills all eight for C
// callers, because the System V ABI makes rbx, rbp and r12-r15 callee-saved:
// C code may hold live values in them across the saving call. Caller-saved
// registers need no saving: the saving call clobbers them as far as the
// compiler knows. No floating-point state is saved: Mini has no
// floating-point values, and the SSE registers are all caller-saved.

	.text
	.globl	mg_context_save
	.type	mg_context_save, @function
mg_context_save:
	movq	%rbp, 0(%rdi)
	movq	(%rsp), %rax		// our return address: where resuming lands
	movq	%rax, 8(%rdi)
	leaq	8(%rsp), %rax		// the caller's stack pointer after we return
	movq	%rax, 16(%rdi)
	movq	%rbx, 24(%rdi)
	movq	%r12, 32(%rdi)
	movq	%r13, 40(%rdi)
	movq	%r14, 48(%rdi)
	movq	%r15, 56(%rdi)
	xorl	%eax, %eax
	ret
	.size	mg_context_save, .-mg_context_save

	.globl	mg_context_resume
	.type	mg_context_resume, @function
mg_context_resume:
	movq	24(%rdi), %rbx
	movq	32(%rdi), %r12
	movq	40(%rdi), %r13
	movq	48(%rdi), %r14
	movq	56(%rdi), %r15
	movq	0(%rdi), %rbp
	movq	16(%rdi), %rsp
	movl	%esi, %eax		// mg_context_save "returns" value
	jmpq	*8(%rdi)
	.size	mg_context_resume, .-mg_context_resume

	// mg_stack_start(top, fn): rsp = top, then call fn with the return
	// address undefined, so that an unwinder stops in this frame.
	.globl	mg_stack_start
	.type	mg_stack_start, @function
mg_stack_start:
	.cfi_startproc
	.cfi_undefined rip
	movq	%rdi, %rsp
	xorl	%ebp, %ebp
	callq	*%rsi
	ud2
	.cfi_endproc
	.size	mg_stack_start, .-mg_stack_start

	.section .note.GNU-stack,"",@progbits
