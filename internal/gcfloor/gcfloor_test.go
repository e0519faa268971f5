package gcfloor

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	for _, c := range []struct{ floor, live, ceiling, want uint64 }{
		{256 << 20, 0, 0, 256 << 20},
		{256 << 20, 50 << 20, 0, 256 << 20},
		{256 << 20, 100 << 20, 0, 300 << 20},         // past a third of the floor: GOGC=200's goal
		{256 << 20, 0, 180 << 20, 180 << 20},         // a small container lowers the floor
		{256 << 20, 100 << 20, 280 << 20, 280 << 20}, // and caps the goal
		{256 << 20, 100 << 20, 1 << 30, 300 << 20},   // a large one changes nothing
	} {
		if got := Limit(c.floor, c.live, c.ceiling); got != c.want {
			t.Errorf("Limit(%d, %d, %d) = %d, want %d", c.floor, c.live, c.ceiling, got, c.want)
		}
	}
}

// TestStartFollowsLiveHeap keeps 96 MiB live under a 64 MiB floor: the
// limit must rise to three times that (or the collector would run back to
// back), and stop must give back the settings found.
func TestStartFollowsLiveHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	stop := Start(64<<20, 0, time.Millisecond)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC while running = %d, want off (-1)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("memory limit at start = %d, want the floor %d", got, 64<<20)
	}
	kept := make([]byte, 96<<20)
	for i := range kept {
		kept[i] = byte(i)
	}
	runtime.GC() // the live-heap metric is what the last collection found
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < 3*(96<<20) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < 3*(96<<20) {
		t.Errorf("memory limit with 96 MiB live = %d MiB, want at least %d MiB", got>>20, 3*96)
	}
	runtime.KeepAlive(kept)
	stop()
	if got := debug.SetGCPercent(-1); got != 150 {
		t.Errorf("GOGC after stop = %d, want 150 restored", got)
	}
	debug.SetGCPercent(150)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit after stop = %d, want restored", got)
	}
}

// TestStartKeepsUnderCeiling: in a container smaller than the floor, the
// limit starts at the ceiling and stays there as the live heap grows.
func TestStartKeepsUnderCeiling(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	const ceiling = 200 << 20
	stop := Start(256<<20, ceiling, time.Millisecond)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != ceiling {
		t.Errorf("memory limit at start = %d MiB, want the ceiling, %d MiB", got>>20, ceiling>>20)
	}
	kept := make([]byte, 96<<20)
	for i := range kept {
		kept[i] = byte(i)
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond) // fifty re-reads of the live heap
	if got := debug.SetMemoryLimit(-1); got != ceiling {
		t.Errorf("memory limit with 96 MiB live = %d MiB, want the ceiling, %d MiB", got>>20, ceiling>>20)
	}
	runtime.KeepAlive(kept)
}
