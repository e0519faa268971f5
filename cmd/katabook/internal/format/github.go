package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// github prints GitHub Actions workflow commands, which GitHub turns into
// annotations on the pull request's lines.
type github struct{}

func openGitHub(*bufio.Writer, io.Writer, Header) (encoder, error) { return github{}, nil }

func (github) file(w *bufio.Writer, f *File) error {
	file := "file=" + ghProperty(f.Path)
	for _, x := range f.Findings {
		props := file
		if x.Line > 0 {
			props += fmt.Sprintf(",line=%d,col=%d", x.Line, max(x.Col, 1))
		}
		props += ",title=" + ghProperty(x.Rule)
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", x.Severity, props, ghData(x.Message)); err != nil {
			return err
		}
	}
	return nil
}

func (github) end(*bufio.Writer, Summary) error { return nil }

// ghData escapes a workflow command's message, as the Actions toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
