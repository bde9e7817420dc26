// context.S for arm64 (AAPCS64): mg_context_save / mg_context_resume.
//
// AAPCS64 makes these callee-saved, so compiled code may keep live values in
// them across the saving call and they must come back as they were:
//   x19-x28  the general-purpose callee-saved registers
//   x29      the frame pointer, callee-saved too
//   sp       where the saving frame's stack is; resuming must return there
//   lr (x30) the return address of mg_context_save: where resuming lands
//   d8-d15   the low 64 bits of v8-v15, the only callee-saved part of the
//            SIMD registers; Mini has no floating point, but the C runtime
//            and libgc are free to use them
// Caller-saved registers (x0-x18, the rest of v0-v31) need no saving: the
// saving call clobbers them as far as the compiler knows.
//
// Context layout (8-byte words):
//   0: x19 x20 x21 x22 x23 x24 x25 x26 x27 x28   80: x29   88: lr   96: sp
//   104: d8 d9 d10 d11 d12 d13 d14 d15 (to 168)

	.text

	.globl	mg_context_save
	.type	mg_context_save, %function
	.p2align 2
mg_context_save:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x1, sp			// sp cannot be stored directly
	str	x1, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	mov	w0, #0
	ret
	.size	mg_context_save, .-mg_context_save

	.globl	mg_context_resume
	.type	mg_context_resume, %function
	.p2align 2
mg_context_resume:
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x2, [x0, #96]
	mov	sp, x2
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, w1			// mg_context_save "returns" value
	ret				// to the saved lr
	.size	mg_context_resume, .-mg_context_resume

	// mg_stack_start(top, fn): sp = top, then call fn with the frame
	// pointer and return address cleared, so that an unwinder stops here.
	.globl	mg_stack_start
	.type	mg_stack_start, %function
	.p2align 2
mg_stack_start:
	.cfi_startproc
	.cfi_undefined x30
	mov	sp, x0
	mov	x29, #0
	mov	x30, #0
	blr	x1
	brk	#0
	.cfi_endproc
	.size	mg_stack_start, .-mg_stack_start

	.section .note.GNU-stack,"",%progbits
