package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes grades.csv: a row per learner, and per kata a column
// "pass" or "fail" ("" without a submission) and one for the Completion
// Standard; when the course gives a kata points, its best submission's
// score too, and a total column at the end.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"learner"}
	anyPoints := false
	for _, k := range r.Katas {
		head = append(head, k.ID, k.ID+" complete")
		if k.Points {
			head = append(head, k.ID+" points")
			anyPoints = true
		}
	}
	if anyPoints {
		head = append(head, "points")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, l := range r.Learners {
		row := []string{cell(l.Name)}
		total := 0.0
		for _, k := range r.Katas {
			var lk *LearnerKata
			for i := range l.Katas {
				if l.Katas[i].Kata == k.ID {
					lk = &l.Katas[i]
				}
			}
			pass, complete, score := "", "", ""
			if lk != nil {
				pass, complete = map[bool]string{true: "pass", false: "fail"}[lk.Passed], map[bool]string{true: "yes", false: "no"}[lk.Complete]
				score = strconv.FormatFloat(lk.Score, 'f', -1, 64)
				total += lk.Score
			}
			row = append(row, pass, complete)
			if k.Points {
				row = append(row, score)
			}
		}
		if anyPoints {
			row = append(row, strconv.FormatFloat(total, 'f', -1, 64))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a learner's name from being read as a formula by a
// spreadsheet (OWASP's CSV injection advice): a leading = + - @ or tab
// gets a quote before it.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
