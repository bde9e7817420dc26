package math

// Go 1.19 computes Exp, Log and Hypot on amd64 with assembly routines
// (src/math/exp_amd64.s, log_amd64.s, hypot_amd64.s) whose results differ
// in the last bit from its portable Go code for some arguments; programs
// print those results, so these are the assembly's steps, operation for
// operation, written in Mini. Each product is its own expression so that
// no target fuses it with an addition: the assembly rounds after every
// step, except where it uses FMA explicitly (then so does archExp).

// archExp is exp_amd64.s on a CPU with FMA (what Go runs on every amd64
// made since 2013): reduce x to r = x - k*ln2 with k = round(x/ln2), take
// exp(r/16) by its Taylor series, square it four times, scale by 2**k.
func archExp(x float64) float64 {
	const (
		log2e    = 1.4426950408889634073599246810018920
		ln2U     = 0.69314718055966295651160180568695068359375
		ln2L     = 0.28235290563031577122588448175013436025525412068e-12
		overflow = 7.09782712893384e+02
		t2       = 0.5
		t3       = 1.6666666666666666667e-1
		t4       = 4.1666666666666666667e-2
		t5       = 8.3333333333333333333e-3
		t6       = 1.3888888888888888889e-3
		t7       = 1.9841269841269841270e-4
		t8       = 2.4801587301587301587e-5
	)
	b := Float64bits(x)
	if b&^(1<<63) >= 0x7FF0000000000000 {
		if b == 0xFFF0000000000000 {
			return 0 // -Inf
		}
		return x // NaN or +Inf
	}
	if x > overflow {
		return Inf(1)
	}
	k := roundToInt32(float64(log2e * x))
	kf := float64(k)
	r := FMA(-ln2U, kf, x)
	r = FMA(-ln2L, kf, r)
	r = float64(r * 0.0625)
	p := FMA(t8, r, t7)
	p = FMA(p, r, t6)
	p = FMA(p, r, t5)
	p = FMA(p, r, t4)
	p = FMA(p, r, t3)
	p = FMA(p, r, t2)
	p = FMA(p, r, 1)
	r = float64(r * p) // exp(r/16) - 1
	for i := 0; i < 3; i++ {
		r = float64(r * float64(r+2)) // (e+1)**2 - 1 from e
	}
	r = FMA(r, float64(r+2), 1)
	return scaleByExp2(r, k)
}

// roundToInt32 is CVTSD2SL: f rounded to the nearest int32, ties to even,
// and the "integer indefinite" MinInt32 out of range.
func roundToInt32(f float64) int32 {
	r := RoundToEven(f)
	if r >= -(1<<31) && r < 1<<31 {
		return int32(r)
	}
	return -1 << 31
}

// scaleByExp2 is the ldexp tail of exp_amd64.s: fr * 2**k, with k biased
// in 32 bits, one multiplication for a normal result and two (rounding
// twice) for a subnormal one.
func scaleByExp2(fr float64, k int32) float64 {
	e := k + 0x3FF
	if e <= 0 {
		if e < -52 {
			return 0
		}
		fr = float64(fr * Float64frombits(uint64(e+0x3FE)<<52))
		e = 1
	} else if e >= 0x7FF {
		return Inf(1)
	}
	return float64(fr * Float64frombits(uint64(e)<<52))
}

// archLog is log_amd64.s: FreeBSD's log, as Go's portable log, but with
// the frexp done on the bits (a subnormal x is not normalized first) and
// the reduction to [sqrt(2)/2, sqrt(2)) taken at f1 <= sqrt(2)/2.
func archLog(x float64) float64 {
	const (
		hSqrt2 = 7.07106781186547524401e-01
		ln2Hi  = 6.93147180369123816490e-01
		ln2Lo  = 1.90821492927058770002e-10
		l1     = 6.666666666666735130e-01
		l2     = 3.999999999940941908e-01
		l3     = 2.857142874366239149e-01
		l4     = 2.222219843214978396e-01
		l5     = 1.818357216161805012e-01
		l6     = 1.531383769920937332e-01
		l7     = 1.479819860511658591e-01
	)
	b := Float64bits(x)
	switch {
	case b&^(1<<63) == 0:
		return Inf(-1)
	case int64(b) < 0:
		return NaN()
	case b >= 0x7FF0000000000000:
		return x // +Inf or NaN
	}
	f1 := Float64frombits(b&(1<<52-1) | 0x3FE0000000000000)
	k := float64(int32(b>>52&0x7FF) - 0x3FE)
	if !(hSqrt2 < f1) {
		k--
		f1 = float64(f1 * 2)
	}
	f := f1 - 1
	s := f / float64(2+f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * float64(l1+float64(s4*float64(l3+float64(s4*float64(l5+float64(s4*l7)))))))
	t2 := float64(s4 * float64(l2+float64(s4*float64(l4+float64(s4*l6)))))
	r := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	u := float64(s*float64(hfsq+r)) + float64(k*ln2Lo)
	return float64(k*ln2Hi) - ((hfsq - u) - f)
}

// archHypot is hypot_amd64.s: p * sqrt(1 + (q/p)**2) for p >= q, the
// special cases tested on the bits.
func archHypot(p, q float64) float64 {
	pb := Float64bits(p) &^ (1 << 63)
	qb := Float64bits(q) &^ (1 << 63)
	const inf = 0x7FF0000000000000
	if pb >= inf || qb >= inf {
		if pb == inf || qb == inf {
			return Inf(1)
		}
		return NaN()
	}
	if pb|qb == 0 {
		return 0
	}
	p, q = Float64frombits(pb), Float64frombits(qb)
	if q > p {
		p, q = q, p
	}
	q = q / p
	return float64(p * Sqrt(float64(q*q)+1))
}
