package sync

import "sync/atomic"

// Once is an object that will perform exactly one action. A Once must
// not be copied after first use.
type Once struct {
	done uint32 // first: the hot path's load needs no offset
	m    Mutex
}

// Do calls the function f if and only if Do is being called for the first
// time for this instance of Once. No call to Do returns until the one call
// to f returns; if f panics, Do considers it to have returned.
func (o *Once) Do(f func()) {
	if atomic.LoadUint32(&o.done) == 0 {
		o.doSlow(f)
	}
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done == 0 {
		defer o.markDone()
		f()
	}
}

func (o *Once) markDone() {
	atomic.StoreUint32(&o.done, 1)
}
