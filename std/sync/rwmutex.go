package sync

import "sync/atomic"

// A RWMutex is a reader/writer mutual exclusion lock: held by any number
// of readers or a single writer. The zero value is an unlocked mutex. A
// blocked Lock call excludes new readers from acquiring the lock.
type RWMutex struct {
	w           Mutex        // held by a writer, pending or active
	writerSem   uint32       // the writer waits here for readers to leave
	readerSem   uint32       // readers wait here for the writer to leave
	readerCount atomic.Int32 // readers holding or waiting; negative while a writer is pending
	readerWait  atomic.Int32 // readers the pending writer waits for
}

const rwmutexMaxReaders = 1 << 30

// RLock locks rw for reading. It should not be used for recursive read
// locking.
func (rw *RWMutex) RLock() {
	if rw.readerCount.Add(1) < 0 {
		runtime_Semacquire(&rw.readerSem)
	}
}

// TryRLock tries to lock rw for reading and reports whether it succeeded.
func (rw *RWMutex) TryRLock() bool {
	for {
		c := rw.readerCount.Load()
		if c < 0 {
			return false
		}
		if rw.readerCount.CompareAndSwap(c, c+1) {
			return true
		}
	}
}

// RUnlock undoes a single RLock call. It is a run-time error if rw is
// not locked for reading on entry to RUnlock.
func (rw *RWMutex) RUnlock() {
	if r := rw.readerCount.Add(-1); r < 0 {
		rw.rUnlockSlow(r)
	}
}

func (rw *RWMutex) rUnlockSlow(r int32) {
	if r+1 == 0 || r+1 == -rwmutexMaxReaders {
		fatal("sync: RUnlock of unlocked RWMutex")
	}
	if rw.readerWait.Add(-1) == 0 {
		runtime_Semrelease(&rw.writerSem) // the last reader lets the writer in
	}
}

// Lock locks rw for writing. If the lock is already locked for reading
// or writing, Lock blocks until the lock is available.
func (rw *RWMutex) Lock() {
	rw.w.Lock()
	r := rw.readerCount.Add(-rwmutexMaxReaders) + rwmutexMaxReaders
	if r != 0 && rw.readerWait.Add(r) != 0 {
		runtime_Semacquire(&rw.writerSem)
	}
}

// TryLock tries to lock rw for writing and reports whether it succeeded.
func (rw *RWMutex) TryLock() bool {
	if !rw.w.TryLock() {
		return false
	}
	if !rw.readerCount.CompareAndSwap(0, -rwmutexMaxReaders) {
		rw.w.Unlock()
		return false
	}
	return true
}

// Unlock unlocks rw for writing. It is a run-time error if rw is not
// locked for writing on entry to Unlock.
func (rw *RWMutex) Unlock() {
	r := rw.readerCount.Add(rwmutexMaxReaders)
	if r >= rwmutexMaxReaders {
		fatal("sync: Unlock of unlocked RWMutex")
	}
	for i := 0; i < int(r); i++ {
		runtime_Semrelease(&rw.readerSem)
	}
	rw.w.Unlock()
}

// RLocker returns a Locker interface that implements the Lock and Unlock
// methods by calling rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*rlocker)(rw)
}

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
