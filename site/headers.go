package site

// ContentSecurityPolicy is the policy every page works under: scripts and
// styles only from the site's own files, WebAssembly compilation allowed,
// the engine's Worker only from the site's files too (worker-src, which
// would otherwise fall back to script-src), nothing inline, no framing. `katabook serve` sends it; the README shows
// it for nginx and Caddy.
const ContentSecurityPolicy = MetaContentSecurityPolicy + "; frame-ancestors 'none'"

// MetaContentSecurityPolicy is the part of the policy a page carries
// itself, in <meta http-equiv>, for hosts that send no header and for
// pages opened from disk: all of it but frame-ancestors, which browsers
// ignore in a meta element (only a header can forbid framing).
const MetaContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'"

// SecurityHeaders are the response headers a host should send with the site.
func SecurityHeaders() map[string]string {
	return map[string]string{
		"Content-Security-Policy":    ContentSecurityPolicy,
		"X-Content-Type-Options":     "nosniff",
		"Referrer-Policy":            "no-referrer",
		"Cross-Origin-Opener-Policy": "same-origin",
		"Permissions-Policy":         "camera=(), microphone=(), geolocation=()",
	}
}
