package format

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub prints GitHub Actions workflow commands, which GitHub turns
// into annotations on the pull request's lines.
func writeGitHub(w io.Writer, run *Run) error {
	for _, f := range run.Files {
		for _, x := range f.Findings {
			props := "file=" + ghProperty(f.Path)
			if x.Line > 0 {
				props += fmt.Sprintf(",line=%d,col=%d", x.Line, max(x.Col, 1))
			}
			props += ",title=" + ghProperty(x.Rule)
			if _, err := fmt.Fprintf(w, "::%s %s::%s\n", x.Severity, props, ghData(x.Message)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ghData escapes a workflow command's message, as the Actions toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
