package incident

import "github.com/katabook/katabook/engine"

// faultWhere says where triage places the fault, for messages.
var faultWhere = map[string]string{"own-service": "in your own service", "upstream-dependency": "in an upstream dependency",
	"downstream-dependency": "in a downstream dependency", "unknown": "not known yet"}

// pageCanRule holds each page's "what they can do" to the roles the kata
// defines and to where triage places the fault: the dependency's on-call
// owns the dependency, the on-call owns your service, the support liaison
// and the IC own no system; only the IC runs the incident, and customers
// hear from the support liaison or the IC.
var pageCanRule = engine.Rule{ID: "incident/page-can", Severity: engine.Error, Kind: engine.Computed, Pass: "fault upstream-dependency, the dependency (upstream) paged with page_can: owns-fault", Fail: "fault own-service, the dependency paged with page_can: owns-fault", Title: "what a paged role can do fits the role and the triage",
	Help: "The roles own different things: the other service's on-call owns that dependency, the on-call engineer owns your service, the support liaison speaks to customers and the Incident Commander runs the incident. A page that says the role owns the fault (owns-fault) must page the owner of the place your triage puts the fault; runs-incident is the IC's, and customer-comms the support liaison's or the IC's.",
	Check: func(r *engine.Run) {
		fault, _ := r.A.Str("/triage/fault_location")
		dir, _ := r.A.Str("/roles/dependency_direction")
		dep, _ := r.A.Str("/roles/dependency_service")
		for _, e := range incEntries(r.A) {
			if e.pages == "" || e.pageCan == "" {
				continue
			}
			switch e.pageCan {
			case "owns-fault":
				var owner string // the role that owns where the fault is
				switch {
				case fault == "" || fault == "unknown":
					continue
				case fault == "own-service":
					owner = "on-call"
				case dir != "" && fault == dir+"-dependency":
					owner = "dependency-on-call"
				}
				if e.pages == owner {
					continue
				}
				var why string
				switch {
				case owner == "":
					why = "no role of this incident owns it (the other service, " + orNone(dep) + ", is " + dir + ")"
				default:
					why = "that is the " + owner + "'s"
				}
				if e.pages == "dependency-on-call" {
					r.Failf(e.field("page_can"), "%s pages the on-call of %s because they own the fault, but your triage says the fault is %s, and %s: if they can help with the mitigation, say so (owns-mitigation, has-access), or change the triage", e, orNone(dep), faultWhere[fault], why)
				} else {
					r.Failf(e.field("page_can"), "%s pages the %s because they own the fault, but your triage says the fault is %s, and %s: page the role that owns it, or say what this one can do", e, e.pages, faultWhere[fault], why)
				}
			case "runs-incident":
				if e.pages != "incident-commander" {
					r.Failf(e.field("page_can"), "%s pages the %s to run the incident: that is the Incident Commander's role; page the incident-commander, or say what the %s can do", e, e.pages, e.pages)
				}
			case "customer-comms":
				if e.pages != "support-liaison" && e.pages != "incident-commander" {
					r.Failf(e.field("page_can"), "%s pages the %s to speak to customers: in this kata the support liaison (or the IC) does; page the support-liaison, or say what the %s can do", e, e.pages, e.pages)
				}
			}
		}
	}}
