package limiter

import (
	"encoding/json"
	"fmt"
	"github.com/katabook/katabook/engine"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The limiter kata's checks on what the design tells and reports: the
// rejection response (status, Retry-After, rate-limit headers, body), the
// limiter's own metrics and the request path.

// epochFloor separates Unix times from delays in X-RateLimit-Reset: any
// Unix time since September 2001 is above it, no sane delay is.
const epochFloor = 1e9

func checkStatus(r *engine.Run) {
	st := r.Num("/rejection/status")
	if r.Missing {
		return
	}
	if st != 429 && st != 503 {
		why := ""
		if st == 403 {
			why = " 403 Forbidden says the client may never do this, so a well-behaved client gives up instead of coming back later."
		}
		r.Failf("/rejection/status", "%s is not a rate-limit response: a client over its limit gets 429 Too Many Requests (RFC 6585), which tells it to slow down and come back; 503 Service Unavailable only when the service sheds load for everyone.%s", num(st), why)
	}
}

// checkStatusReason reads why a 503 is sent.
func checkStatusReason(r *engine.Run) {
	if st := r.Num("/rejection/status"); r.Missing || st != 503 {
		return
	}
	if reason, _ := r.A.Str("/rejection/status_reason"); words(reason) < 3 {
		r.Failf("/rejection/status_reason", "Reading your text, I found no reason for the 503: it says the service is overloaded for everyone, not that this client is over its limit; say why you shed load with it here, or send 429 Too Many Requests.")
	}
}

// header is one "Name: value" line of the rejection headers.
type header struct{ name, value string }

// parseHeaders reads header lines; bad holds lines that are not "Name: value".
func parseHeaders(text string) (hs []header, bad []string) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.IndexByte(line, ':')
		if i <= 0 || strings.ContainsAny(line[:i], " \t") {
			bad = append(bad, line)
			continue
		}
		hs = append(hs, header{strings.ToLower(line[:i]), strings.TrimSpace(line[i+1:])})
	}
	return hs, bad
}

func headerValue(hs []header, name string) (string, bool) {
	for _, h := range hs {
		if h.name == name {
			return h.value, true
		}
	}
	return "", false
}

// wholeSeconds parses a non-negative integer header value.
func wholeSeconds(v string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return n, err == nil && n >= 0
}

// maxWait is the longest a rejected client can need to wait for the
// design to admit it again, in seconds: the time to refill the whole burst,
// or a window's length; 0 when the algorithm is not known yet.
func maxWait(a *engine.Answer) float64 {
	parts, missing, ok := readParts(a)
	if !ok || len(missing) > 0 {
		return 0
	}
	w := 0.0
	for _, p := range parts {
		switch p.algo {
		case "token-bucket", "leaky-bucket":
			w = math.Max(w, p.b/p.a)
		case "gcra":
			w = math.Max(w, (p.b+p.a)/1000)
		default:
			w = math.Max(w, p.a)
		}
	}
	return w
}

func checkRetryAfter(r *engine.Run) {
	text := r.Str("/rejection/headers")
	if r.Missing {
		return
	}
	hs, _ := parseHeaders(text)
	v, ok := headerValue(hs, "retry-after")
	if !ok {
		r.Failf("/rejection/headers", "no Retry-After header: a rejected client needs to know when to come back, or it retries at once and keeps being rejected")
		return
	}
	secs, ok := wholeSeconds(v)
	if !ok && httpDate(v) {
		return // valid HTTP; limiter/retry-after-date says what it costs
	}
	if !ok {
		r.Failf("/rejection/headers", "Retry-After: %s is neither a whole number of seconds nor an HTTP-date: send delay-seconds, e.g. Retry-After: 1", v)
		return
	}
	if secs == 0 {
		r.Failf("/rejection/headers", "Retry-After: 0 tells every rejected client to retry at once, a retry storm against the limiter; the smallest useful value is 1")
		return
	}
	if w := maxWait(r.A); w > 0 && float64(secs) > math.Max(1, math.Ceil(w)) {
		r.Failf("/rejection/headers", "Retry-After: %d is longer than the design ever needs: a rejected client can pass again within %s s (the whole burst refills, or the window turns, by then), so ask for at most %s s",
			secs, num(w), num(math.Max(1, math.Ceil(w))))
	}
}

// httpDate reports whether v is an HTTP-date in one of the three forms
// HTTP allows (RFC 9110, section 5.6.7).
func httpDate(v string) bool {
	for _, layout := range []string{"Mon, 02 Jan 2006 15:04:05 GMT", "Monday, 02-Jan-06 15:04:05 GMT", "Mon Jan _2 15:04:05 2006"} {
		if _, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
			return true
		}
	}
	return false
}

// checkRetryAfterDate: an HTTP-date is valid, but it moves the wait onto
// the client's clock and out of reach of the refill check.
func checkRetryAfterDate(r *engine.Run) {
	text := r.Str("/rejection/headers")
	if r.Missing {
		return
	}
	hs, _ := parseHeaders(text)
	if v, ok := headerValue(hs, "retry-after"); ok && httpDate(v) {
		r.Failf("/rejection/headers", "Retry-After: %s is a valid HTTP-date, but a client whose clock is off waits too long or not at all, and a date cannot be held to the refill: send the delay in seconds, e.g. Retry-After: 1.", v)
	}
}

var (
	// sfParam is one ;key=value parameter of a structured field item.
	sfParam = regexp.MustCompile(`^\s*([a-z*][a-z0-9_.*-]*)\s*=\s*("[^"]*"|[^;,\s]+)\s*$`)
	sfName  = regexp.MustCompile(`^("[^"\\]*"|[A-Za-z*][A-Za-z0-9_.:%*/-]*|[0-9]{1,15})$`) // a token, a string, or the older draft's bare quota
)

// sfItem is one member of a structured-field list: its name and parameters.
type sfItem struct {
	name   string
	params map[string]string
}

// parseSFList parses a list of `name;k=v;k=v` items (RFC 8941 lists of
// strings or tokens with parameters), enough for the RateLimit fields.
func parseSFList(v string) ([]sfItem, error) {
	var out []sfItem
	for _, member := range splitOutsideQuotes(v, ',') {
		parts := splitOutsideQuotes(member, ';')
		name := strings.TrimSpace(parts[0])
		if !sfName.MatchString(name) {
			return nil, fmt.Errorf("%q is not a policy name (a quoted string or a token)", name)
		}
		it := sfItem{name: strings.Trim(name, `"`), params: map[string]string{}}
		for _, p := range parts[1:] {
			m := sfParam.FindStringSubmatch(p)
			if m == nil {
				return nil, fmt.Errorf("%q is not a key=value parameter", strings.TrimSpace(p))
			}
			it.params[m[1]] = m[2]
		}
		out = append(out, it)
	}
	return out, nil
}

func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func checkRateLimitHeaders(r *engine.Run) {
	text := r.Str("/rejection/headers")
	if r.Missing {
		return
	}
	hs, bad := parseHeaders(text)
	const ptr = "/rejection/headers"
	for _, l := range bad {
		r.Failf(ptr, "%q is not a header line: write one `Name: value` per line", l)
	}
	retry := int64(-1)
	if v, ok := headerValue(hs, "retry-after"); ok {
		if n, ok := wholeSeconds(v); ok {
			retry = n
		}
	}
	_, hasX := headerValue(hs, "x-ratelimit-limit")
	_, hasXR := headerValue(hs, "x-ratelimit-remaining")
	_, hasXS := headerValue(hs, "x-ratelimit-reset")
	pv, hasPolicy := headerValue(hs, "ratelimit-policy")
	_, hasRL := headerValue(hs, "ratelimit")
	_, hasDL := headerValue(hs, "ratelimit-limit")
	_, hasDR := headerValue(hs, "ratelimit-remaining")
	_, hasDS := headerValue(hs, "ratelimit-reset")
	switch {
	case hasX || hasXR || hasXS:
		checkCounters(r, hs, retry, xFamily)
	case hasDL || hasDR || hasDS:
		// The IETF draft before its structured fields (up to -07):
		// RateLimit-Limit, -Remaining and -Reset, and an optional policy.
		checkCounters(r, hs, retry, draftFamily)
		if hasPolicy {
			checkPolicies(r, pv)
		}
	case hasPolicy || hasRL:
		checkIETFRateLimit(r, hs, retry)
	default:
		r.Failf(ptr, "no rate-limit headers: send X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset, or the IETF draft's RateLimit-Policy and RateLimit fields, so a client can pace itself before it is rejected")
	}
}

// counterFamily is a family of Limit, Remaining and Reset headers: the
// common X-RateLimit-*, whose Reset is a delay or a Unix time (reset_kind
// says which), or the IETF draft's RateLimit-*, whose Reset is a delay.
type counterFamily struct {
	prefix, shown string
	epochAllowed  bool
}

var (
	xFamily     = counterFamily{"x-ratelimit-", "X-RateLimit-", true}
	draftFamily = counterFamily{"ratelimit-", "RateLimit-", false}
)

func checkCounters(r *engine.Run, hs []header, retry int64, fam counterFamily) {
	const ptr = "/rejection/headers"
	vals := map[string]int64{}
	for _, n := range []string{"limit", "remaining", "reset"} {
		name := fam.shown + strings.ToUpper(n[:1]) + n[1:]
		v, ok := headerValue(hs, fam.prefix+n)
		if !ok {
			r.Failf(ptr, "%s is missing: the family is Limit, Remaining and Reset together", name)
			continue
		}
		x, ok := wholeSeconds(v)
		if !ok && n == "limit" {
			// The draft lets Limit carry its policy: "100, 100;w=1".
			x, ok = wholeSeconds(strings.SplitN(v, ",", 2)[0])
		}
		if !ok {
			r.Failf(ptr, "%s: %s is not a non-negative whole number", name, v)
			continue
		}
		vals[n] = x
	}
	if l, ok := vals["limit"]; ok && l == 0 {
		r.Failf(ptr, "%sLimit: 0 says the client may send nothing; give the quota (the limit or the burst)", fam.shown)
	}
	if rem, ok := vals["remaining"]; ok && rem > 0 {
		r.Failf(ptr, "%sRemaining: %d on a rejection contradicts it: a rejected client has 0 remaining", fam.shown, rem)
	}
	reset, ok := vals["reset"]
	if !ok {
		return
	}
	if !fam.epochAllowed {
		switch {
		case reset >= epochFloor:
			r.Failf(ptr, "%sReset: %d looks like a Unix time; the draft's Reset is the seconds until the quota resets", fam.shown, reset)
		case retry >= 0 && retry < reset:
			r.Failf(ptr, "Retry-After: %d is below %sReset: %d: a client that obeys it comes back before the quota resets and is rejected again", retry, fam.shown, reset)
		}
		return
	}
	kind, hasKind := r.A.Str("/rejection/reset_kind")
	switch {
	case !hasKind:
		r.Failf("/rejection/reset_kind", "say whether X-RateLimit-Reset is a delay in seconds or a Unix time: clients read both, and guess wrong")
	case kind == "epoch-seconds" && reset < epochFloor:
		r.Failf("/rejection/reset_kind", "X-RateLimit-Reset: %d is a delay, not a Unix time (those are above %s): set reset_kind to delay-seconds or send the time", reset, num(epochFloor))
	case kind == "delay-seconds" && reset >= epochFloor:
		r.Failf("/rejection/reset_kind", "X-RateLimit-Reset: %d looks like a Unix time, not a delay: set reset_kind to epoch-seconds", reset)
	case kind == "delay-seconds" && retry >= 0 && retry < reset:
		r.Failf(ptr, "Retry-After: %d is below X-RateLimit-Reset: %d: a client that obeys it comes back before the quota resets and is rejected again", retry, reset)
	}
}

// checkPolicies parses RateLimit-Policy: named policies with a quota q
// and a window w, or the older draft's bare quota with a window ("100;w=1").
func checkPolicies(r *engine.Run, pv string) (names map[string]bool, ok bool) {
	const ptr = "/rejection/headers"
	policies, err := parseSFList(pv)
	if err != nil {
		r.Failf(ptr, "RateLimit-Policy does not parse: %v (expected e.g. \"default\";q=1000;w=1)", err)
		return nil, false
	}
	names = map[string]bool{}
	for _, p := range policies {
		names[p.name] = true
		q, okQ := wholeSeconds(p.params["q"])
		if bare, isInt := wholeSeconds(p.name); isInt && !okQ {
			q, okQ = bare, true
		}
		if !okQ || q == 0 {
			r.Failf(ptr, "policy %q needs a quota q, a positive whole number of requests", p.name)
		}
		if w, okW := p.params["w"]; !okW {
			r.Failf(ptr, "policy %q needs a window w in seconds", p.name)
		} else if n, ok := wholeSeconds(w); !ok || n == 0 {
			r.Failf(ptr, "policy %q has window w=%s: a window is a positive whole number of seconds", p.name, w)
		}
	}
	return names, true
}

func checkIETFRateLimit(r *engine.Run, hs []header, retry int64) {
	const ptr = "/rejection/headers"
	pv, ok := headerValue(hs, "ratelimit-policy")
	if !ok {
		r.Failf(ptr, "RateLimit without RateLimit-Policy: the policy field states the quota (q) and window (w) that RateLimit reports on")
		return
	}
	names, ok := checkPolicies(r, pv)
	if !ok {
		return
	}
	rv, ok := headerValue(hs, "ratelimit")
	if !ok {
		r.Failf(ptr, "RateLimit-Policy without RateLimit: the RateLimit field tells the client its remaining quota (r) and when it resets (t)")
		return
	}
	items, err := parseSFList(rv)
	if err != nil {
		r.Failf(ptr, "RateLimit does not parse: %v (expected e.g. \"default\";r=0;t=1)", err)
		return
	}
	for _, it := range items {
		if !names[it.name] {
			r.Failf(ptr, "RateLimit reports on policy %q, which RateLimit-Policy does not define", it.name)
		}
		rem, okR := wholeSeconds(it.params["r"])
		t, okT := wholeSeconds(it.params["t"])
		if !okR {
			r.Failf(ptr, "RateLimit %q needs r, the remaining quota, as a non-negative whole number", it.name)
		} else if rem > 0 {
			r.Failf(ptr, "RateLimit %q says r=%d remaining on a rejection: a rejected client has 0 remaining", it.name, rem)
		}
		if !okT {
			r.Failf(ptr, "RateLimit %q needs t, the seconds until the quota resets, as a non-negative whole number", it.name)
		} else if okR && rem == 0 && retry >= 0 && retry < t {
			r.Failf(ptr, "Retry-After: %d is below the reset t=%d: a client that obeys it comes back before the quota resets and is rejected again", retry, t)
		}
	}
}

// errorKeys are the keys by which a client program can tell the error.
var errorKeys = []string{"error", "code", "type", "title"}

func hasErrorKey(m map[string]any) bool {
	for _, k := range errorKeys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func checkBody(r *engine.Run) {
	body := r.Str("/rejection/body")
	status, okS := r.A.Num("/rejection/status")
	if r.Missing {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		r.Failf("/rejection/body", "the body is not JSON (%v): a client program needs a machine-readable error, e.g. {\"type\": \"…/rate-limited\", \"title\": \"Too many requests\", \"status\": 429}", err)
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		r.Failf("/rejection/body", "the body is JSON but not an object: give it an error code a program can match (error, code or an RFC 9457 type)")
		return
	}
	found := hasErrorKey(m)
	// JSON:API and GraphQL style: a list of error objects.
	if errs, ok := m["errors"].([]any); ok && len(errs) > 0 {
		if first, ok := errs[0].(map[string]any); ok && hasErrorKey(first) {
			found = true
		}
	}
	if !found {
		r.Failf("/rejection/body", "the body has no error code a program can match: add error, code, or RFC 9457's type and title")
	}
	if s, ok := m["status"].(float64); ok && okS && s != status {
		r.Uses("/rejection/status") // a wrong status makes the body disagree too
		r.Failf("/rejection/body", "the body says status %s but the response is %s", num(s), num(status))
	}
}

var (
	reasonRE  = regexp.MustCompile(`(?i)reason`)
	outcomeRE = regexp.MustCompile(`(?i)outcome|allow|admit|reject|deni|decision|result`)
	timeoutRE = regexp.MustCompile(`(?i)time[- ]?outs?|timed out`)
)

func checkMetrics(r *engine.Run) {
	if d, ok := r.A.Str("/metrics/decisions"); ok && !(reasonRE.MatchString(d) && outcomeRE.MatchString(d)) {
		r.Failf("/metrics/decisions", "Reading your text, I could not find both an outcome and a reason in the decisions metric: label decisions by outcome (allowed, rejected) and by reason (over limit, store down, fallback), so that a spike of rejections says why, e.g. limiter_decisions_total{outcome, reason}.")
	}
	if s, ok := r.A.Str("/metrics/store_errors"); ok && !timeoutRE.MatchString(s) {
		r.Failf("/metrics/store_errors", "Reading your text, I could not find time-outs counted apart from errors: a slow store is the usual way a limiter fails, and it sends requests into degraded mode silently, e.g. limiter_store_errors_total{kind=\"timeout|error\"}.")
	}
	if s, ok := r.A.Str("/metrics/sli"); ok && !strings.Contains(s, "/") {
		r.Failf("/metrics/sli", "Reading your text, the SLI is not written as a ratio: write it as good events / total events, e.g. decisions made with the store within the budget / all decisions.")
	}
}

var arrowRE = regexp.MustCompile(`→|->|⇒|=>`)

func checkRequestPath(r *engine.Run) {
	where, path := r.Str("/placement/where"), r.Str("/placement/request_path")
	if r.Missing {
		return
	}
	if hops := len(arrowRE.FindAllString(path, -1)); hops < 2 {
		r.Failf("/placement/request_path", "Reading your text, I found fewer than two arrows in the request path: draw it as hops with arrows (client → gateway → service), so that it shows where the check sits.")
		return
	}
	low := strings.ToLower(path)
	var lack []string
	for _, w := range map[string][]string{"gateway": {"gateway"}, "service": {"service"}, "both": {"gateway", "service"}}[where] {
		if !strings.Contains(low, w) {
			lack = append(lack, w)
		}
	}
	if len(lack) > 0 {
		at := map[string]string{"gateway": "the gateway", "service": "the service", "both": "both the gateway and the service"}[where]
		r.Failf("/placement/request_path", "Reading your text, the check is at %s, but I found no hop named %s in the path: name the hop where the check sits, e.g. client → gateway (limit check) → orders service.", at, strings.Join(lack, " or "))
	}
}
