// Package time provides functionality for measuring and displaying time,
// as Go 1.19's time without formatting, parsing, calendars and locations:
// Duration, Time as an instant with a monotonic clock reading, Sleep, and
// the timers and tickers (timer.go).
//
// The clocks and Sleep are the runtime's (runtime/time.c, runtime/sched.c),
// declared here without bodies (codegen/intrinsics.def).
package time

// Sleep pauses the current goroutine for at least the duration d. A
// negative or zero duration causes Sleep to return immediately.
func Sleep(d Duration)

// The runtime's clocks: nanoseconds since 1970 of the wall clock, and of a
// monotonic clock since an arbitrary point.
func runtimeWalltime() int64
func runtimeNanotime() int64

// runtimeSleepUntil parks until runtimeNanotime reads deadline, even one
// already past (the timers' order, timer.go).
func runtimeSleepUntil(deadline int64)

// startNano is the monotonic clock when the program started, less one so
// that a reading is never zero (as Go's).
var startNano int64 = runtimeNanotime() - 1

// A Time represents an instant in time with nanosecond precision. Times
// returned by Now also carry a monotonic clock reading, which Sub, Before,
// After and Equal use when both operands have one, so that measuring
// elapsed time is immune to changes of the wall clock.
//
// The zero value is January 1, year 1, 00:00:00.000000000 UTC.
type Time struct {
	sec     int64 // seconds since January 1, year 1 00:00:00 UTC
	nsec    int32 // nanoseconds within the second, [0, 999999999]
	hasMono bool
	mono    int64 // the monotonic reading, ns since startNano
}

// Seconds from the zero Time to the Unix epoch, 1970-01-01: 1969 years of
// 365 days, their leap days and 86400 s a day.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400

// Now returns the current local time.
func Now() Time {
	wall := runtimeWalltime()
	mono := runtimeNanotime() - startNano
	return Time{sec: wall/1e9 + unixToInternal, nsec: int32(wall % 1e9), hasMono: true, mono: mono}
}

// Unix returns the local Time corresponding to the given Unix time, sec
// seconds and nsec nanoseconds since January 1, 1970 UTC. nsec may be
// outside the range [0, 999999999].
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec: sec + unixToInternal, nsec: int32(nsec)}
}

// UnixMilli returns the local Time corresponding to the given Unix time,
// msec milliseconds since January 1, 1970 UTC.
func UnixMilli(msec int64) Time {
	return Unix(msec/1e3, (msec%1e3)*1e6)
}

// UnixMicro returns the local Time corresponding to the given Unix time,
// usec microseconds since January 1, 1970 UTC.
func UnixMicro(usec int64) Time {
	return Unix(usec/1e6, (usec%1e6)*1e3)
}

// Since returns the time elapsed since t; shorthand for Now().Sub(t).
func Since(t Time) Duration {
	return Now().Sub(t)
}

// Until returns the duration until t; shorthand for t.Sub(Now()).
func Until(t Time) Duration {
	return t.Sub(Now())
}

// IsZero reports whether t represents the zero time instant, January 1,
// year 1, 00:00:00 UTC.
func (t Time) IsZero() bool {
	return t.sec == 0 && t.nsec == 0
}

// Unix returns t as a Unix time, the number of seconds elapsed since
// January 1, 1970 UTC.
func (t Time) Unix() int64 {
	return t.sec - unixToInternal
}

// UnixNano returns t as a Unix time in nanoseconds; the result is
// undefined if it does not fit an int64 (dates before 1678 or after 2262).
func (t Time) UnixNano() int64 {
	return t.Unix()*1e9 + int64(t.nsec)
}

// UnixMilli returns t as a Unix time in milliseconds.
func (t Time) UnixMilli() int64 {
	return t.Unix()*1e3 + int64(t.nsec)/1e6
}

// UnixMicro returns t as a Unix time in microseconds.
func (t Time) UnixMicro() int64 {
	return t.Unix()*1e6 + int64(t.nsec)/1e3
}

// Nanosecond returns the nanosecond offset within the second specified by
// t, in the range [0, 999999999].
func (t Time) Nanosecond() int {
	return int(t.nsec)
}

// After reports whether the time instant t is after u.
func (t Time) After(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono > u.mono
	}
	return t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec
}

// Before reports whether the time instant t is before u.
func (t Time) Before(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono < u.mono
	}
	return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec
}

// Equal reports whether t and u represent the same time instant.
func (t Time) Equal(u Time) bool {
	if t.hasMono && u.hasMono {
		return t.mono == u.mono
	}
	return t.sec == u.sec && t.nsec == u.nsec
}

// Add returns the time t+d. The monotonic reading moves with it, or is
// dropped when it would overflow.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / 1e9)
	nsec := t.nsec + int32(d%1e9)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	t.nsec = nsec
	t.addSec(dsec)
	if t.hasMono {
		te := t.mono + int64(d)
		if d < 0 && te > t.mono || d > 0 && te < t.mono {
			t.hasMono = false
			t.mono = 0
		} else {
			t.mono = te
		}
	}
	return t
}

// addSec adds d seconds, saturating at the representable extremes.
func (t *Time) addSec(d int64) {
	sum := t.sec + d
	if (sum > t.sec) == (d > 0) {
		t.sec = sum
	} else if d > 0 {
		t.sec = 1<<63 - 1
	} else {
		t.sec = -(1<<63 - 1)
	}
}

// Sub returns the duration t-u. If the result exceeds the maximum (or
// minimum) value that can be stored in a Duration, the maximum (or
// minimum) duration is returned.
func (t Time) Sub(u Time) Duration {
	if t.hasMono && u.hasMono {
		return subMono(t.mono, u.mono)
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	switch {
	case u.Add(d).Equal(t):
		return d // d is correct
	case t.Before(u):
		return minDuration // t - u is negative out of range
	default:
		return maxDuration // t - u is positive out of range
	}
}

func subMono(t, u int64) Duration {
	d := Duration(t - u)
	if d < 0 && t > u {
		return maxDuration
	}
	if d > 0 && t < u {
		return minDuration
	}
	return d
}
