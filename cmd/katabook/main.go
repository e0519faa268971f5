// Command katabook builds reliability-kata courses into static sites and
// checks learners' submissions with the same engine the site runs in the
// browser.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
