package site

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The form directive: a fenced block whose info string is `form <kata>`
// marks where a workbook page shows the live answer form of that kata's
// schema. It is a goldmark extension (transformer + node + renderer), as
// goldmark's own extensions are, so the Markdown is parsed once.

// KindFormBlock is the AST kind of a form directive.
var KindFormBlock = ast.NewNodeKind("FormBlock")

// FormBlock is a form directive in a workbook.
type FormBlock struct {
	ast.BaseBlock
	Kata string
	Line int // 1-based line of the directive in the workbook
}

// Kind implements ast.Node.
func (n *FormBlock) Kind() ast.NodeKind { return KindFormBlock }

// Dump implements ast.Node.
func (n *FormBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kata": n.Kata}, nil)
}

// formExtension turns form directives into FormBlocks and renders them with
// render, which gets the kata id and the directive's line.
type formExtension struct {
	render func(w util.BufWriter, kata string, line int)
}

func (e *formExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(formTransformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(formRenderer{e.render}, 100)))
}

type formTransformer struct{}

func (formTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && fb.Info != nil {
			blocks = append(blocks, fb)
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range blocks {
		info := bytes.Fields(fb.Info.Value(src))
		if len(info) != 2 || string(info[0]) != "form" {
			continue
		}
		line := 1 + bytes.Count(src[:fb.Info.Segment.Start], []byte("\n"))
		fb.Parent().ReplaceChild(fb.Parent(), fb, &FormBlock{Kata: string(info[1]), Line: line})
	}
}

type formRenderer struct {
	render func(w util.BufWriter, kata string, line int)
}

func (r formRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFormBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			fb := n.(*FormBlock)
			r.render(w, fb.Kata, fb.Line)
		}
		return ast.WalkSkipChildren, nil
	})
}
