// Package promql is the home of a trimmed copy of Prometheus's PromQL
// parser (internal/promql/parser) and the few small packages it needs.
//
// Why a copy: the engine checks the learner's SLI queries with Prometheus's
// own grammar, and the engine also runs in the browser as WebAssembly.
// Upstream's parser package imports storage (for two fields only the query
// engine fills), and storage brings the TSDB, client_golang, protobuf,
// net/http and TLS: 7 MB of WebAssembly, 1.1 MB after brotli, more than
// the rest of the engine together. Without them the engine is 7.8 MB raw
// and 1.49 MB brotli, inside the course's 1.5 MB budget (see `make bench`).
//
// How it stays honest: sync.sh regenerates the parser from the Prometheus
// version pinned in go.mod, changing only import paths and the two storage
// fields; the tests in each package compare the copy with upstream on the
// same inputs (parse results and errors, printed queries, matcher
// behaviour, durations), and `make fuzz` searches for any disagreement.
package promql
