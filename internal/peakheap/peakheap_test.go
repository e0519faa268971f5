package peakheap

import (
	"runtime"
	"testing"
	"time"
)

// TestMeasureSeesAllocation: holding 64 MiB for a while shows in the peak,
// and agrees with MemStats' HeapInuse taken at the same moment.
func TestMeasureSeesAllocation(t *testing.T) {
	var held []byte
	var inUse uint64
	peak := Measure(func() {
		held = make([]byte, 64<<20)
		for i := range held {
			held[i] = 1
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		inUse = ms.HeapInuse
		time.Sleep(30 * time.Millisecond)
	})
	runtime.KeepAlive(held)
	if peak < 64<<20 {
		t.Errorf("peak %d MiB with 64 MiB held", peak>>20)
	}
	if diff := int64(peak) - int64(inUse); diff < -(1 << 20) {
		t.Errorf("peak %d bytes is below the HeapInuse %d seen while holding", peak, inUse)
	}
}
