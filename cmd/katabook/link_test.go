package main

import (
	"net/http"
	"sync"
	"time"
)

// link is a learner's network link for the benchmarks: each response
// waits one round trip, and the bytes of all of them share one bandwidth,
// in the order they are written. Chromium's own emulation
// (Network.emulateNetworkConditions) slows the page's requests but not
// those of its Worker, which fetches the engine: measured on 2026-12-01,
// the engine's 1.86 MB arrived in 0.7 s on a "10 Mbit/s" page. The server
// slows every request alike.
type link struct {
	rtt         time.Duration
	bytesPerSec float64

	mu   sync.Mutex
	free time.Time // when the link has sent every byte given it so far
}

// serve wraps h in the link.
func (l *link) serve(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(l.rtt) // the request's way there, the first byte's way back
		h.ServeHTTP(&pacedWriter{ResponseWriter: w, link: l}, r)
	})
}

// send waits until n more bytes have passed the link. A sender that
// wakes late does not lose the link's time: up to one chunk's time of the
// past may still be used, so the sleeps' overshoot does not add up over a
// large response (it cost about 10% of the engine's transfer).
func (l *link) send(n int) {
	l.mu.Lock()
	now := time.Now()
	if slack := now.Add(-l.chunkTime()); l.free.Before(slack) {
		l.free = slack
	}
	l.free = l.free.Add(time.Duration(float64(n) / l.bytesPerSec * float64(time.Second)))
	done := l.free
	l.mu.Unlock()
	time.Sleep(time.Until(done))
}

// chunk is how much of a response is sent at once.
const chunk = 16 << 10

func (l *link) chunkTime() time.Duration {
	return time.Duration(chunk / l.bytesPerSec * float64(time.Second))
}

// pacedWriter writes a response through its link, a chunk at a time.
type pacedWriter struct {
	http.ResponseWriter
	link *link
}

func (p *pacedWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		n := min(len(b), chunk)
		p.link.send(n)
		m, err := p.ResponseWriter.Write(b[:n])
		written += m
		if err != nil {
			return written, err
		}
		if f, ok := p.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		b = b[n:]
	}
	return written, nil
}
