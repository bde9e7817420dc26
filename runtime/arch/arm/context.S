// context.S for 32-bit arm (AAPCS, hard-float, armv7-a): mg_context_save /
// mg_context_resume.
//
// The AAPCS makes these callee-saved, so compiled code may keep live values
// in them across the saving call and they must come back as they were:
//   r4-r11   the general-purpose callee-saved registers (r11 is also the
//            frame pointer in ARM state, r7 in Thumb state: both included)
//   sp       where the saving frame's stack is; resuming must return there
//   lr       the return address of mg_context_save: where resuming lands
//   d8-d15   the callee-saved VFP registers (s16-s31); Mini has no floating
//            point, but the C runtime and libgc are free to use them
// Caller-saved registers (r0-r3, r12, d0-d7, d16-d31) need no saving: the
// saving call clobbers them as far as the compiler knows.
//
// These functions are assembled in ARM state. Callers may be ARM or Thumb-2
// (Debian's armhf compilers default to Thumb-2, LLVM to ARM): the linker
// turns a Thumb `bl` into `blx` for a %function symbol in ARM state, and the
// caller's state lives in bit 0 of lr, which `bx` honours both when
// returning and when resuming at the saved lr.
//
// Context layout (4-byte words, then 8-byte d registers):
//   0: r4 r5 r6 r7 r8 r9 r10 r11   32: sp   36: lr   40: d8 ... d15 (to 104)

	.syntax	unified
	.arch	armv7-a
	.fpu	vfpv3-d16
	.arm
	.text

	.globl	mg_context_save
	.type	mg_context_save, %function
	.p2align 2
mg_context_save:
	stm	r0, {r4-r11}
	str	sp, [r0, #32]		// not in the stm list: deprecated there
	str	lr, [r0, #36]
	add	r1, r0, #40
	vstm	r1, {d8-d15}
	mov	r0, #0
	bx	lr
	.size	mg_context_save, .-mg_context_save

	.globl	mg_context_resume
	.type	mg_context_resume, %function
	.p2align 2
mg_context_resume:
	add	r2, r0, #40
	vldm	r2, {d8-d15}
	ldm	r0, {r4-r11}
	ldr	sp, [r0, #32]
	ldr	lr, [r0, #36]
	mov	r0, r1			// mg_context_save "returns" value
	bx	lr			// back to the saver, in its ARM or Thumb state
	.size	mg_context_resume, .-mg_context_resume

	// mg_stack_start(top, fn): sp = top, then call fn with the frame
	// pointer and return address cleared, so that an unwinder stops here.
	.globl	mg_stack_start
	.type	mg_stack_start, %function
	.p2align 2
mg_stack_start:
	.fnstart
	.cantunwind
	mov	sp, r0
	mov	r11, #0
	mov	r7, #0
	mov	lr, #0
	blx	r1
	udf	#0
	.fnend
	.size	mg_stack_start, .-mg_stack_start

	.section .note.GNU-stack,"",%progbits
