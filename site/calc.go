package site

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/katabook/katabook/engine"
)

// calcRE is the directive a workbook uses for a number derived from its
// kata's parameters, so that a worked example stays right when a course
// changes them: {{calc "(instances - 1) * (user_burst + user_limit_rps * 0.1)"}}.
var calcRE = regexp.MustCompile(`\{\{\s*calc\s+"([^"]*)"\s*\}\}`)

// expandCalc replaces each {{calc "expr"}} with its value; fail gets the
// byte offset and the problem of each that cannot be computed.
func expandCalc(body []byte, vals engine.Params, fail func(offset int, msg string)) []byte {
	locs := calcRE.FindAllSubmatchIndex(body, -1)
	if locs == nil {
		return body
	}
	var out []byte
	last := 0
	for _, m := range locs {
		out = append(out, body[last:m[0]]...)
		expr := string(body[m[2]:m[3]])
		v, err := calc(expr, vals)
		if err != nil {
			fail(m[0], fmt.Sprintf("{{calc %q}}: %v", expr, err))
			out = append(out, body[m[0]:m[1]]...)
		} else {
			out = append(out, groupThousands(v)...)
		}
		last = m[1]
	}
	return append(out, body[last:]...)
}

// calc evaluates arithmetic (+ − × ÷, parentheses, numbers, round) over
// parameter names. Go's own expression parser reads it: the grammar is the one every
// programmer knows, and nothing but these few node kinds is evaluated.
func calc(expr string, vals engine.Params) (float64, error) {
	tree, err := parser.ParseExpr(expr)
	if err != nil {
		return 0, fmt.Errorf("not arithmetic: %v", err)
	}
	known := vals.Values()
	var eval func(ast.Expr) (float64, error)
	eval = func(n ast.Expr) (float64, error) {
		switch n := n.(type) {
		case *ast.ParenExpr:
			return eval(n.X)
		case *ast.BasicLit:
			if n.Kind == token.INT || n.Kind == token.FLOAT {
				return strconv.ParseFloat(n.Value, 64)
			}
		case *ast.Ident:
			if f, ok := known[n.Name].(float64); ok {
				return f, nil
			}
			return 0, fmt.Errorf("%s is not a number parameter of this kata", n.Name)
		case *ast.CallExpr:
			// round(x) and round(x, digits), for prose that says "about 9 ms".
			if f, ok := n.Fun.(*ast.Ident); ok && f.Name == "round" && len(n.Args) >= 1 && len(n.Args) <= 2 {
				x, err := eval(n.Args[0])
				digits := 0.0
				if err == nil && len(n.Args) == 2 {
					digits, err = eval(n.Args[1])
				}
				scale := math.Pow(10, math.Round(digits))
				return math.Round(x*scale) / scale, err
			}
		case *ast.UnaryExpr:
			if n.Op == token.SUB {
				x, err := eval(n.X)
				return -x, err
			}
		case *ast.BinaryExpr:
			x, err := eval(n.X)
			if err != nil {
				return 0, err
			}
			y, err := eval(n.Y)
			if err != nil {
				return 0, err
			}
			switch n.Op {
			case token.ADD:
				return x + y, nil
			case token.SUB:
				return x - y, nil
			case token.MUL:
				return x * y, nil
			case token.QUO:
				if y == 0 {
					return 0, fmt.Errorf("division by zero")
				}
				return x / y, nil
			}
		}
		return 0, fmt.Errorf("only numbers, parameter names, + - * /, parentheses and round(x[, digits])")
	}
	v, err := eval(tree)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		err = fmt.Errorf("not a finite number")
	}
	return v, err
}

// groupThousands writes a computed number as the workbooks write large
// ones: 96,900 and 43,200, with at most four decimals.
func groupThousands(v float64) string {
	s := engine.FormatNum(v)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	if len(whole) > 4 {
		var b strings.Builder
		for i, c := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		whole = b.String()
	}
	if neg {
		whole = "-" + whole
	}
	if frac != "" {
		return whole + "." + frac
	}
	return whole
}
