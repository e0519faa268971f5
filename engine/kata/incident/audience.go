package incident

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine"
)

// Reading the external update for its audience: customers know neither the
// team's internal names nor its vendors' part in the story. The names come
// from the submission itself: the service, the dependency and its team, the
// people who play the roles, the owning teams, the channels, and every
// machine-looking identifier (a region, a host, a cluster) the rest of the
// answer uses.

// identRE finds machine-looking names in prose: lower-case words joined by
// hyphens or underscores ("events-kafka-use1", "cart_items", "us-east-1").
var identRE = regexp.MustCompile(`\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b`)

// regionRE is a cloud region, named or not elsewhere: "eu-west-1",
// "us-central1", "ap-southeast-2".
var regionRE = regexp.MustCompile(`(?i)\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|europe|asia|australia|northamerica|southamerica|africa)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-?\d\b`)

// hostRE is a host or an internal domain: "db-03", "pg01", "api.svc.internal".
var hostRE = regexp.MustCompile(`(?i)\b(?:[a-z0-9-]+\.)+(?:internal|local|corp|svc|lan|intra)\b|\b(?:db|web|app|api|pg|redis|kafka|node|host|srv|worker|cache|broker|mysql|es)-?\d+\b`)

// looksInternal says whether an identifier found in prose is a name rather
// than an English compound: it has a digit or an underscore, or three parts
// none of which is a small joining word ("up-to-date" is English).
func looksInternal(id string) bool {
	if strings.ContainsAny(id, "0123456789_") {
		return true
	}
	parts := strings.Split(id, "-")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts[1 : len(parts)-1] {
		if len(p) <= 3 {
			return false
		}
	}
	return true
}

// codeName is a name written like code: a hyphen, an underscore, a digit
// or a capital inside a word ("orders-api", "cart_db", "OrdersApi").
var codeName = regexp.MustCompile(`[\w][-_0-9]|[a-z][A-Z]`)

// customerTeams are teams customers know by that name.
var customerTeams = map[string]bool{"support": true, "support team": true, "customer support": true,
	"customer service": true, "customer success": true, "customer care": true}

// internalNames are the names customers should not read, longest first so
// that "orders-db" is quoted rather than "orders".
func internalNames(a *engine.Answer) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), ",;:.")
		if k := strings.ToLower(s); len(s) >= 2 && !seen[k] && !customerTeams[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	// A service called by a plain word ("checkout") is also what customers
	// call the feature; one named like code ("orders-api") is internal.
	for _, ptr := range []string{"/scenario/service", "/roles/dependency_service"} {
		s, _ := a.Str(ptr)
		parts := []string{bracketed.ReplaceAllString(s, "")}
		for _, m := range bracketed.FindAllStringSubmatch(s, -1) {
			parts = append(parts, strings.Split(m[1], ",")...)
		}
		for _, p := range parts {
			if codeName.MatchString(p) {
				add(p)
			}
		}
	}
	for _, t := range namedTeams(a) {
		add(t)
	}
	for _, e := range incEntries(a) {
		if e.channel != "" {
			add(e.channel)
		}
	}
	for _, ptr := range internalTexts(a) {
		s, _ := a.Str(ptr)
		for _, id := range identRE.FindAllString(s, -1) {
			if looksInternal(id) {
				add(id)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// internalTexts are the parts of the answer written for the team, where
// the internal names of a run appear.
func internalTexts(a *engine.Answer) []string {
	ptrs := []string{"/scenario/description", "/detect/signal", "/detect/confidence_why", "/triage/impact_estimate",
		"/communication/internal/text", "/communication/internal/affected", "/resolve/path", "/postmortem/summary",
		"/postmortem/causes/trigger", "/postmortem/causes/root_cause", "/postmortem/causes/contributing"}
	for i := 0; i < a.Len("/timeline"); i++ {
		ptrs = append(ptrs, "/timeline/"+strconv.Itoa(i)+"/action")
	}
	return ptrs
}

// knownVendors are providers an update may blame without the submission
// naming them elsewhere.
var knownVendors = []string{"AWS", "Amazon", "Azure", "Microsoft", "Google Cloud", "GCP", "Cloudflare", "Fastly", "Akamai",
	"Stripe", "Adyen", "PayPal", "Braintree", "Twilio", "SendGrid", "Mailgun", "Datadog", "PagerDuty", "GitHub", "Okta",
	"Auth0", "Heroku", "Vercel", "Netlify", "DigitalOcean", "Oracle", "Salesforce", "Shopify", "Visa", "Mastercard"}

// vendorNounRE finds a vendor the update introduces as one: "our card
// processor, Northpay" or "Northpay, our card processor".
var vendorNounRE = regexp.MustCompile(`\b([A-Z][\w&.-]+(?: [A-Z][\w&.-]+)?),? (?:our|a|the) (?:[a-z]+ )?(?:provider|vendor|processor|supplier|partner|host|carrier|cloud|CDN)\b|\b(?:our|a|the) (?:[a-z]+ )?(?:provider|vendor|processor|supplier|partner|host|carrier|CDN),? ([A-Z][\w&.-]+)`)

// faultRE is a sentence's word for a failure that somebody caused.
var faultRE = regexp.MustCompile(`(?i)\b(?:fail(?:ed|ure|ing|s)?|reject(?:ed|s|ing)?|outage|went down|was down|is down|broke|broken|errors?|fault|problems?|issues?|bug|caused|because of|due to|on their (?:side|end)|their (?:mistake|failure|outage|problem|issue))\b`)

// vendorBlame returns the sentences of an external update that put a
// failure on a named vendor, with the vendor.
func vendorBlame(text string, a *engine.Answer) (vendor, sentence string) {
	vendors := append([]string(nil), knownVendors...)
	for _, ptr := range []string{"/roles/dependency_service", "/roles/dependency_on_call"} {
		s, _ := a.Str(ptr)
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' }) {
			if len([]rune(w)) > 2 && w[0] >= 'A' && w[0] <= 'Z' && !nameStop[w] && !strings.Contains(strings.Join(rolePlayers(a), " "), w) {
				vendors = append(vendors, w)
			}
		}
	}
	for _, m := range vendorNounRE.FindAllStringSubmatch(text, -1) {
		vendors = append(vendors, m[1]+m[2])
	}
	for _, s := range sentences(text) {
		if !faultRE.MatchString(s) {
			continue
		}
		for _, v := range vendors {
			if v != "" && findWord(s, v) {
				return v, s
			}
		}
	}
	return "", ""
}

// sentences splits prose at full stops, question and exclamation marks.
func sentences(text string) []string {
	return regexp.MustCompile(`[.!?](?:\s+|$)`).Split(text, -1)
}

// findWord reports whether w occurs in s as a whole word, in its case.
func findWord(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWordRune(s[i-1])) && (end == len(s) || !isWordRune(s[end])) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(c byte) bool { return c == '-' || c == '_' || c >= 0x80 || isAlnum(c) }

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// audienceFindings reports what customers should not read in the external
// update: jargon, internal names, found by reading.
func audienceFindings(r *engine.Run, text string) {
	const ptr = "/communication/external/text"
	seen := map[string]bool{}
	for _, p := range jargon(text, internalNames(r.A), r.A.Shared) {
		seen[strings.ToLower(p.Text)] = true
		failText(r, ptr, p.Text, "Reading your text, the external update says %q, %s: %s", p.Text, p.Kind, p.Hint)
	}
	// People's names in their case: "Will" is a name, "will" is not.
	for _, n := range personNames(rolePlayers(r.A)) {
		if findWord(text, n) && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			failText(r, ptr, n, "Reading your text, the external update names %s, who plays a role in the incident: customers do not know who is who inside; say \"our team\"", n)
		}
	}
	for _, re := range []*regexp.Regexp{regionRE, hostRE} {
		for _, m := range re.FindAllString(text, -1) {
			if !seen[strings.ToLower(m)] {
				seen[strings.ToLower(m)] = true
				failText(r, ptr, m, "Reading your text, the external update says %q, an internal name of a region or host: say where customers are (\"customers in Europe\") instead", m)
			}
		}
	}
	if v, s := vendorBlame(text, r.A); v != "" {
		failText(r, ptr, s, "Reading your text, the external update puts the failure on %s (%q): customers hold you responsible for the service they use; say what they saw, that it works again and what you are changing, and keep the vendor's part for the postmortem", v, strings.Join(strings.Fields(s), " "))
	}
}
