package engine

import "sync"

// sharedMemo keeps the results of pure, costly derivations (the limiter
// kata's simulation) across the checks of one engine, keyed by everything
// they depend on. A cohort's submissions share most designs, so CI checks
// them at the cost of one simulation each. The result must be treated as
// read-only by every caller. Bounded; safe for concurrent use.
type sharedMemo struct {
	mu    sync.Mutex
	m     map[string]any
	order []string // insertion order, for eviction
}

// memoEntries bounds the memo: a few hundred simulations, a few MB.
const memoEntries = 256

func newSharedMemo() *sharedMemo { return &sharedMemo{m: map[string]any{}} }

// get returns the value for key, computing it with f once. A nil memo
// computes every time.
func (s *sharedMemo) get(key string, f func() any) any {
	if s == nil {
		return f()
	}
	s.mu.Lock()
	v, ok := s.m[key]
	s.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[key]; !ok {
		if len(s.order) >= memoEntries {
			delete(s.m, s.order[0])
			s.order = s.order[1:]
		}
		s.m[key] = v
		s.order = append(s.order, key)
	}
	return v
}
