// context.S for amd64 (System V ABI): mg_context_save / mg_context_resume.
//
// The System V ABI makes rbx, rbp and r12-r15 callee-saved, so compiled
// code may hold live values in them across the saving call; they must come
// back as they were. rsp and the return address say where execution
// resumes. Caller-saved registers need no saving: the saving call clobbers
// them as far as the compiler knows. No floating-point state is saved:
// Mini has no floating-point values, and the SSE registers are all
// caller-saved in this ABI.
//
// Context layout (8-byte words): rbx rbp r12 r13 r14 r15 rsp rip.

	.text
	.globl	mg_context_save
	.type	mg_context_save, @function
mg_context_save:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax		// the caller's stack pointer after we return
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax		// our return address: where resuming lands
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	ret
	.size	mg_context_save, .-mg_context_save

	.globl	mg_context_resume
	.type	mg_context_resume, @function
mg_context_resume:
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	movl	%esi, %eax		// mg_context_save "returns" value
	jmpq	*56(%rdi)
	.size	mg_context_resume, .-mg_context_resume

	.section .note.GNU-stack,"",@progbits
