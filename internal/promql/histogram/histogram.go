// Package histogram holds the shape of Prometheus's native float histogram,
// as far as the PromQL parser builds one: the parser reads histogram
// literals only in series descriptions ({{schema:0 sum:5 ...}}), the format
// of promtool's rule tests. The kata engine parses queries, never series
// descriptions, so the arithmetic that expands a series of histograms is
// left out: Add and Sub report that it is not supported instead of pulling
// in the whole of upstream model/histogram.
package histogram

import (
	"errors"
	"fmt"
)

// CounterResetHint says whether a histogram follows a counter reset.
type CounterResetHint byte

// The hints, in Prometheus's order.
const (
	UnknownCounterReset CounterResetHint = iota
	CounterReset
	NotCounterReset
	GaugeType
)

// Span is a run of consecutive buckets.
type Span struct {
	Offset int32
	Length uint32
}

// FloatHistogram is a native histogram with float counts.
type FloatHistogram struct {
	CounterResetHint CounterResetHint
	Schema           int32
	ZeroThreshold    float64
	ZeroCount        float64
	Count            float64
	Sum              float64
	PositiveSpans    []Span
	NegativeSpans    []Span
	PositiveBuckets  []float64
	NegativeBuckets  []float64
	CustomValues     []float64
}

var errArithmetic = errors.New("histogram arithmetic in series descriptions is not supported by the kata engine")

// Copy returns a deep copy.
func (h *FloatHistogram) Copy() *FloatHistogram {
	c := *h
	c.PositiveSpans = append([]Span(nil), h.PositiveSpans...)
	c.NegativeSpans = append([]Span(nil), h.NegativeSpans...)
	c.PositiveBuckets = append([]float64(nil), h.PositiveBuckets...)
	c.NegativeBuckets = append([]float64(nil), h.NegativeBuckets...)
	c.CustomValues = append([]float64(nil), h.CustomValues...)
	return &c
}

// Add is not supported: see the package comment.
func (h *FloatHistogram) Add(*FloatHistogram) (*FloatHistogram, bool, bool, error) {
	return nil, false, false, errArithmetic
}

// Sub is not supported: see the package comment.
func (h *FloatHistogram) Sub(*FloatHistogram) (*FloatHistogram, bool, bool, error) {
	return nil, false, false, errArithmetic
}

// String is a short summary: count and sum. (Upstream also lists the
// non-empty buckets, which needs the bucket iterators left out here.)
func (h *FloatHistogram) String() string {
	return fmt.Sprintf("{count:%g, sum:%g}", h.Count, h.Sum)
}
