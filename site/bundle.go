package site

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle compiles the page script and style from the embedded sources with
// esbuild's Go API: no Node at build time. Imports resolve inside src only.
func bundle(src fs.FS, entry string) ([]byte, error) {
	embedded := api.Plugin{Name: "embedded", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			p := args.Path
			if strings.HasPrefix(p, ".") {
				p = path.Join(path.Dir(args.Importer), p)
			}
			p = strings.TrimPrefix(path.Clean(p), "/")
			for _, cand := range []string{p, p + ".ts"} {
				if _, err := fs.Stat(src, cand); err == nil {
					return api.OnResolveResult{Path: cand, Namespace: "embedded"}, nil
				}
			}
			return api.OnResolveResult{}, fmt.Errorf("cannot find %q", args.Path)
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "embedded"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			data, err := fs.ReadFile(src, args.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := string(data)
			loader := map[string]api.Loader{".ts": api.LoaderTS, ".css": api.LoaderCSS, ".js": api.LoaderJS}[path.Ext(args.Path)]
			return api.OnLoadResult{Contents: &s, Loader: loader}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		Bundle:            true,
		Write:             false,
		Outdir:            "out",
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Target:            api.ES2020,
		Format:            api.FormatIIFE,
		LegalComments:     api.LegalCommentsNone,
		Plugins:           []api.Plugin{embedded},
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			if m.Location != nil {
				msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", m.Location.File, m.Location.Line, m.Location.Column+1, m.Text))
			} else {
				msgs = append(msgs, m.Text)
			}
		}
		return nil, fmt.Errorf("bundle %s: %s", entry, strings.Join(msgs, "; "))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundle %s: %d output files, want 1", entry, len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}
