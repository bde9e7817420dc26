package time

import (
	"errors"
	"sync"
)

// Timers and tickers run as goroutines that sleep until their time and
// then send on their channel (or start their function), Go's runtime
// timers being what this runtime lacks. What differs from Go:
// runtime.NumGoroutine counts each armed timer's goroutine; a stopped or
// reset timer's old goroutine stays asleep until its deadline and then
// ends without sending, so until then it keeps a deadlocked program from
// being reported as one.

// A timerSender is what a Timer or Ticker shares with its goroutine.
// Every Stop and Reset starts a new generation: a goroutine whose
// generation has passed sends nothing.
type timerSender struct {
	mu     sync.Mutex
	c      chan Time // nil for AfterFunc
	f      func()    // AfterFunc's
	period Duration  // a Ticker's; 0 for a Timer
	gen    uint64
	active bool
}

// arm starts a goroutine that fires d from now; it reports whether the
// previous one was still to fire.
func (s *timerSender) arm(d Duration) bool {
	s.mu.Lock()
	was := s.active
	s.gen++
	s.active = true
	go s.run(s.gen, Now().Add(d))
	s.mu.Unlock()
	return was
}

// disarm reports whether the timer was still to fire.
func (s *timerSender) disarm() bool {
	s.mu.Lock()
	was := s.active
	s.gen++
	s.active = false
	s.mu.Unlock()
	return was
}

// run fires at when, then every period for a Ticker: ticks are at fixed
// times, not after the previous one plus the period, so they do not drift.
func (s *timerSender) run(gen uint64, when Time) {
	for {
		// Parked until the deadline itself, even one already past: the
		// scheduler wakes sleepers in deadline order, so timers fire in
		// theirs however late their goroutines started.
		if when.hasMono {
			runtimeSleepUntil(when.mono + startNano)
		} else {
			Sleep(Until(when)) // a deadline past the monotonic clock's range
		}
		period := s.fire(gen)
		if period == 0 {
			return
		}
		when = when.Add(period)
	}
}

// fire sends the time (dropped when the channel's buffer is full, as
// Go's sendTime) or starts f, unless the generation has passed; it
// returns the period until the next tick, 0 for none.
func (s *timerSender) fire(gen uint64) Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen != gen {
		return 0
	}
	if s.f != nil {
		go s.f()
	} else {
		select {
		case s.c <- Now():
		default:
		}
	}
	if s.period == 0 {
		s.active = false
	}
	return s.period
}

// The Timer type represents a single event. When the Timer expires, the
// current time will be sent on C, unless the Timer was created by
// AfterFunc. A Timer must be created with NewTimer or AfterFunc.
type Timer struct {
	C <-chan Time
	s *timerSender
}

// NewTimer creates a new Timer that will send the current time on its
// channel after at least duration d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	s := &timerSender{c: c}
	s.arm(d)
	return &Timer{C: c, s: s}
}

// AfterFunc waits for the duration to elapse and then calls f in its own
// goroutine. It returns a Timer that can be used to cancel the call using
// its Stop method.
func AfterFunc(d Duration, f func()) *Timer {
	s := &timerSender{f: f}
	s.arm(d)
	return &Timer{s: s}
}

// After waits for the duration to elapse and then sends the current time
// on the returned channel. It is equivalent to NewTimer(d).C.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// Stop prevents the Timer from firing. It returns true if the call stops
// the timer, false if the timer has already expired or been stopped. Stop
// does not close the channel.
func (t *Timer) Stop() bool {
	if t.s == nil {
		panic("time: Stop called on uninitialized Timer")
	}
	return t.s.disarm()
}

// Reset changes the timer to expire after duration d. It returns true if
// the timer had been active, false if the timer had expired or been
// stopped.
func (t *Timer) Reset(d Duration) bool {
	if t.s == nil {
		panic("time: Reset called on uninitialized Timer")
	}
	return t.s.arm(d)
}

// A Ticker holds a channel that delivers “ticks” of a clock at intervals.
type Ticker struct {
	C <-chan Time // The channel on which the ticks are delivered.
	s *timerSender
}

// NewTicker returns a new Ticker containing a channel that will send the
// current time on the channel after each tick. The period of the ticks is
// specified by the duration argument. The ticker will adjust the time
// interval or drop ticks to make up for slow receivers. The duration d
// must be greater than zero; if not, NewTicker will panic.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic(errors.New("non-positive interval for NewTicker"))
	}
	c := make(chan Time, 1)
	s := &timerSender{c: c, period: d}
	s.arm(d)
	return &Ticker{C: c, s: s}
}

// Stop turns off a ticker. After Stop, no more ticks will be sent. Stop
// does not close the channel.
func (t *Ticker) Stop() {
	if t.s != nil {
		t.s.disarm()
	}
}

// Reset stops a ticker and resets its period to the specified duration.
// The next tick will arrive after the new period elapses. The duration d
// must be greater than zero; if not, Reset will panic.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if t.s == nil {
		panic("time: Reset called on uninitialized Ticker")
	}
	t.s.mu.Lock()
	t.s.period = d
	t.s.mu.Unlock()
	t.s.arm(d)
}

// Tick is a convenience wrapper for NewTicker providing access to the
// ticking channel only. Unlike NewTicker, Tick will return nil if d <= 0.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
