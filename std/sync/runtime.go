// Package sync provides basic synchronization primitives such as mutual
// exclusion locks, as Go 1.19's sync. Goroutines that must wait park on
// the runtime's semaphores (runtime/sema.c), declared here without bodies
// (codegen/intrinsics.def).
//
// What differs from Go: Mutex is the simpler algorithm Go used before 1.9
// (no starvation mode); Pool keeps what is Put until it is taken (Go's
// drops it at collections); Map is a mutex and a map; the copy checks
// (go vet's noCopy aside) are not made.
package sync

import "sync/atomic"

// runtime_Semacquire waits until *s > 0 and then atomically decrements it.
func runtime_Semacquire(s *uint32)

// runtime_Semrelease atomically increments *s and wakes a goroutine
// waiting in runtime_Semacquire, if any.
func runtime_Semrelease(s *uint32)

// A list of goroutines waiting on a Cond, laid out as the runtime's
// mg_notify_list: the next ticket to hand out, the next to notify.
type notifyList struct {
	wait   uint32
	notify uint32
}

// runtime_notifyListAdd takes a ticket; the caller then waits for it.
func runtime_notifyListAdd(l *notifyList) uint32 {
	return atomic.AddUint32(&l.wait, 1) - 1
}

func runtime_notifyListWait(l *notifyList, t uint32)
func runtime_notifyListNotifyOne(l *notifyList)
func runtime_notifyListNotifyAll(l *notifyList)

// fatal reports a misuse of sync as Go's runtime does ("fatal error: ..."):
// recover cannot stop it.
func fatal(s string)

// noCopy may be added to structs which must not be copied after first
// use; go vet's copylocks check finds it.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}
