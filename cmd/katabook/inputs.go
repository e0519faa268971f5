package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/katabook/katabook/engine"
	"github.com/katabook/katabook/internal/plain"
	"github.com/katabook/katabook/internal/regular"
)

// What `check` reads: the submissions named, found in folders or given on
// standard input, each opened as a regular file and read up to the
// engine's limit.

// outputsAreNotInputs refuses an --output that is one of the files to
// check (by identity: another spelling of the path, a link), which the
// report would overwrite, or that another --output names too.
func outputsAreNotInputs(e *env, outs []output, ins []input) error {
	for i, o := range outs {
		// Two formats into one file would interleave: every output streams.
		for _, before := range outs[:i] {
			if filepath.Clean(before.path) == filepath.Clean(o.path) || sameFile(before.path, o.path) {
				return usageErr("--output %s=%s and --output %s=%s name one file: give each format its own", before.format, before.path, o.format, o.path)
			}
		}
		if _, err := os.Stat(o.path); err != nil {
			continue // a new file is no input
		}
		for _, in := range ins {
			if in.src == nil && sameFile(o.path, in.path) || in.src != nil && isStdin(e, o.path) {
				return usageErr("--output %s=%s is %s, one of the files checked: the report would overwrite it", o.format, o.path, in.path)
			}
		}
	}
	return nil
}

// fileError is a file that cannot be checked, as standard error shows it:
// its name as format.Name prints it (a name may hold a newline, and in CI
// standard error is read for workflow commands too), then why.
type fileError struct {
	path string
	err  error
}

func (e *fileError) Error() string {
	cause := e.err
	var pe *fs.PathError
	if errors.As(cause, &pe) {
		cause = pe.Err
	}
	return plain.Name(e.path) + ": " + cause.Error()
}

func (e *fileError) Unwrap() error { return e.err }

// input is one submission to check: its path and, for stdin, its bytes.
// A file found in a folder is opened through the folder's root, so that a
// symbolic link out of the folder is refused.
type input struct {
	path    string
	src     []byte   // nil: read path when checking
	root    *os.Root // the folder it was found in, nil if named
	rel     string   // its path in root
	fromDir bool     // found by walking a folder, not named
}

// read reads the submission as a regular file (never a named pipe, a
// device or a socket), but not more than the engine would accept: a huge
// file costs one read of MaxSourceBytes+1, then a size finding.
func (in input) read() ([]byte, error) {
	name := in.path
	if in.root != nil {
		name = in.rel
	}
	f, err := regular.Open(in.root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return regular.ReadAll(f, engine.MaxSourceBytes+1)
}

// collectInputs expands the arguments into submissions in a stable order:
// arguments as given, folders walked in lexical order. closeRoots closes
// the folders' roots, once every input is read.
func collectInputs(e *env, fl checkFlags, args []string) (ins []input, bad []error, closeRoots func()) {
	var roots []*os.Root
	closeRoots = func() {
		for _, r := range roots {
			r.Close()
		}
	}
	for _, arg := range args {
		if arg == "-" {
			src, err := io.ReadAll(io.LimitReader(e.stdin, engine.MaxSourceBytes+1))
			if err != nil {
				bad = append(bad, fmt.Errorf("standard input: %w", err))
				continue
			}
			ins = append(ins, input{path: fl.stdinName, src: src})
			continue
		}
		st, err := os.Stat(arg)
		if err != nil {
			bad = append(bad, &fileError{arg, err})
			continue
		}
		if !st.IsDir() {
			ins = append(ins, input{path: arg})
			continue
		}
		root, err := os.OpenRoot(arg)
		if err != nil {
			bad = append(bad, &fileError{arg, err})
			continue
		}
		roots = append(roots, root)
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				bad = append(bad, &fileError{p, err})
			case !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md"):
				rel, err := filepath.Rel(arg, p)
				if err != nil {
					bad = append(bad, &fileError{p, err})
					return nil
				}
				ins = append(ins, input{path: p, root: root, rel: rel, fromDir: true})
			}
			return nil
		})
		if err != nil {
			bad = append(bad, &fileError{arg, err})
		}
	}
	return ins, bad, closeRoots
}
