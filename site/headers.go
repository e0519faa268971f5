package site

// ContentSecurityPolicy is the policy every page works under: scripts and
// styles only from the site's own files, WebAssembly compilation allowed,
// nothing inline. `katabook serve` sends it; the README shows it for nginx
// and Caddy.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

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
