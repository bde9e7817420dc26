package sync

// A Pool is a set of temporary objects that may be individually saved and
// retrieved. A Pool is safe for use by multiple goroutines simultaneously
// and must not be copied after first use.
//
// Go's Pool has a cache per processor and drops its objects across
// collections; this one is a Mutex and a stack, kept until taken.
type Pool struct {
	noCopy noCopy

	mu    Mutex
	items []any

	// New optionally specifies a function to generate a value when Get
	// would otherwise return nil.
	New func() any
}

// Put adds x to the pool.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.mu.Lock()
	p.items = append(p.items, x)
	p.mu.Unlock()
}

// Get selects an arbitrary item from the Pool, removes it from the Pool,
// and returns it to the caller. If the Pool is empty, Get returns the
// result of calling p.New when it is non-nil, or nil.
func (p *Pool) Get() any {
	p.mu.Lock()
	if n := len(p.items); n > 0 {
		x := p.items[n-1]
		p.items[n-1] = nil
		p.items = p.items[:n-1]
		p.mu.Unlock()
		return x
	}
	p.mu.Unlock()
	if p.New != nil {
		return p.New()
	}
	return nil
}
