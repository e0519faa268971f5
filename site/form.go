package site

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/katabook/katabook/engine"
)

// formHTML writes the answer form of a kata from its schema's field tree.
// Every input carries the JSON pointer of its answer field (data-pointer)
// and its type (data-type), so the page script can gather the answer and
// put each finding next to its field without knowing the kata. Each field
// also has a hint slot (data-hint) for numbers the engine computes beside
// it (the report's "hints" figure), and each export format the kata offers
// gets a button.
func formHTML(kata string, root *engine.Field, exports []engine.ExportFormat) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<form class="kata-form" data-kata="%s" novalidate>`+"\n", esc(kata))
	// The run's timer lives in the page's verdict bar (templates/kata.html).
	b.WriteString(`<fieldset class="run"><legend>This run</legend>` + "\n")
	for _, m := range []struct{ key, label, kind string }{
		{"subject", "Subject (the queue, API, limiter model or scenario)", "text"},
		{"title", "Title", "text"},
		{"author", "Author", "text"},
		{"date", "Date", "date"},
	} {
		id := "meta-" + m.key
		fmt.Fprintf(&b, `<div class="field"><label for="%s">%s</label><input id="%s" type="%s" data-meta="%s" autocomplete="off"></div>`+"\n",
			id, esc(m.label), id, m.kind, m.key)
	}
	b.WriteString("</fieldset>\n")
	for _, f := range root.Fields {
		writeField(&b, f)
	}
	b.WriteString(`<div class="field prose"><label for="prose">Notes and justifications (Markdown)</label>` +
		`<textarea id="prose" data-prose rows="6"></textarea></div>` + "\n")
	b.WriteString(`<div class="actions">` +
		`<button type="button" data-action="export">Export Markdown</button>`)
	for _, x := range exports {
		fmt.Fprintf(&b, `<button type="button" data-action="export-format" data-format="%s" data-ext="%s" disabled>Download %s</button>`,
			esc(x.Format), esc(x.Ext), esc(x.Title))
	}
	b.WriteString(
		`<label class="button">Import Markdown<input type="file" accept=".md,.markdown,text/markdown,text/plain" data-action="import"></label>` +
			`<button type="button" data-action="clear">Clear answers</button>` +
			`</div>` + "\n")
	b.WriteString(`<section class="report" aria-live="polite"><h3>Checks</h3>` +
		`<p class="status" data-status>Loading the checking engine…</p>` +
		`<ul class="findings" data-findings></ul><ul class="rules" data-rules></ul>` +
		`<div class="figures" data-figures></div>` +
		`<p class="ruleset">Ruleset <code data-ruleset></code></p></section>` + "\n")
	b.WriteString("</form>\n")
	return b.String()
}

func writeField(b *strings.Builder, f *engine.Field) {
	switch {
	case f.Type == "object":
		fmt.Fprintf(b, `<fieldset data-field="%s"%s><legend>%s</legend>`+"\n", esc(f.Pointer), when(f), esc(f.Label()))
		writeDesc(b, f)
		for _, c := range f.Fields {
			writeField(b, c)
		}
		fmt.Fprintf(b, `<p class="msg" data-msg="%s"></p></fieldset>`+"\n", esc(f.Pointer))
	case f.Items != nil && f.Items.Type == "object" && f.Layout == "cards":
		writeCards(b, f)
	case f.Items != nil && f.Items.Type == "object":
		writeTable(b, f)
	default:
		writeScalar(b, f, f.Pointer)
	}
}

// writeScalar writes one labelled input for the field f at pointer ptr.
func writeScalar(b *strings.Builder, f *engine.Field, ptr string) {
	id := fieldID(ptr)
	fmt.Fprintf(b, `<div class="field" data-field="%s"%s><label for="%s">%s%s</label>`, esc(ptr), when(f), id, esc(f.Label()), unit(f))
	b.WriteString(control(f, id, ptr))
	b.WriteString(reading(f, id, ptr))
	writeDesc(b, f)
	fmt.Fprintf(b, `<p class="hint" data-hint="%s"></p>`, esc(ptr))
	fmt.Fprintf(b, `<p class="msg" id="%s-msg" data-msg="%s"></p></div>`+"\n", id, esc(ptr))
}

// writeCards writes a list of objects whose items have too many fields for
// a table row (x-layout: cards): each item is its own numbered fieldset of
// labelled fields. The page script adds items by cloning the last one, as
// it adds table rows; data-row-label names the item in its legend.
func writeCards(b *strings.Builder, f *engine.Field) {
	item := f.Items.Label()
	if f.Items.Title == "" {
		item = "Item"
	}
	fmt.Fprintf(b, `<fieldset class="cards" data-field="%s"%s><legend>%s</legend>`+"\n", esc(f.Pointer), when(f), esc(f.Label()))
	writeDesc(b, f)
	fmt.Fprintf(b, `<div class="card-list" data-rows="%s">`+"\n", esc(f.Pointer))
	for i := 0; i < max(f.Rows, 1); i++ {
		ptr := fmt.Sprintf("%s/%d", f.Pointer, i)
		fmt.Fprintf(b, `<fieldset class="card" data-row="%d" data-field="%s"><legend data-row-label="%s">%s %d</legend>`+"\n",
			i, esc(ptr), esc(item), esc(item), i+1)
		rowTools(b, strings.ToLower(item), i)
		for _, c := range f.Items.Fields {
			writeScalar(b, c, ptr+"/"+c.Name)
		}
		fmt.Fprintf(b, `<p class="msg" data-msg="%s"></p></fieldset>`+"\n", esc(ptr))
	}
	b.WriteString("</div>\n")
	fmt.Fprintf(b, `<button type="button" data-action="add-row" data-list="%s">Add %s</button>`, esc(f.Pointer), esc(strings.ToLower(item)))
	fmt.Fprintf(b, `<p class="msg" data-msg="%s"></p></fieldset>`+"\n", esc(f.Pointer))
}

// rowTools are the buttons that move row i of a list up or down or remove
// it. Each names its row (data-label, # for the row's number), which the
// page script renumbers as rows are added.
func rowTools(b *strings.Builder, noun string, i int) {
	b.WriteString(`<span class="row-tools">`)
	for _, t := range []struct{ action, text, label string }{
		{"row-up", "↑", "Move " + noun + " # up"},
		{"row-down", "↓", "Move " + noun + " # down"},
		{"row-remove", "Remove", "Remove " + noun + " #"},
	} {
		fmt.Fprintf(b, `<button type="button" data-action="%s" data-label="%s" aria-label="%s">%s</button>`,
			t.action, esc(t.label), esc(strings.ReplaceAll(t.label, "#", fmt.Sprint(i+1))), t.text)
	}
	b.WriteString("</span>")
}

// writeTable writes a list of objects as a table: one row per item, one
// column per item field. The page script adds rows by cloning the last one.
func writeTable(b *strings.Builder, f *engine.Field) {
	fmt.Fprintf(b, `<fieldset class="table" data-field="%s"%s><legend>%s</legend>`+"\n", esc(f.Pointer), when(f), esc(f.Label()))
	writeDesc(b, f)
	b.WriteString(`<table><thead><tr><th scope="col">#</th>`)
	for _, c := range f.Items.Fields {
		fmt.Fprintf(b, `<th scope="col">%s%s</th>`, esc(c.Label()), unit(c))
	}
	b.WriteString(`<th scope="col">Order</th>`)
	fmt.Fprintf(b, `</tr></thead><tbody data-rows="%s">`+"\n", esc(f.Pointer))
	for i := 0; i < max(f.Rows, 1); i++ {
		fmt.Fprintf(b, `<tr data-row="%d"><th scope="row">%d</th>`, i, i+1)
		for _, c := range f.Items.Fields {
			ptr := fmt.Sprintf("%s/%d/%s", f.Pointer, i, c.Name)
			fmt.Fprintf(b, `<td data-field="%s">%s%s<p class="msg" data-msg="%s"></p></td>`,
				esc(ptr), control(c, fieldID(ptr), ptr), reading(c, fieldID(ptr), ptr), esc(ptr))
		}
		b.WriteString("<td>")
		rowTools(b, "row", i)
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</tbody></table>\n")
	fmt.Fprintf(b, `<button type="button" data-action="add-row" data-list="%s">Add a row</button>`, esc(f.Pointer))
	fmt.Fprintf(b, `<p class="msg" data-msg="%s"></p></fieldset>`+"\n", esc(f.Pointer))
}

// quantity says whether f is a number with a unit, which the learner may
// type with a unit of its kind ("250 ms" in a field in s): the engine reads
// it and the report's readings say how ("250 ms = 0.25 s").
func quantity(f *engine.Field) bool {
	return (f.Type == "number" || f.Type == "integer") && f.Unit != ""
}

// reading is the slot beside a quantity's input where the page shows how
// the engine read what was typed ("= 0.25 s").
func reading(f *engine.Field, id, ptr string) string {
	if !quantity(f) {
		return ""
	}
	return fmt.Sprintf(`<span class="reading" id="%s-reading" data-reading="%s"></span>`, id, esc(ptr))
}

// control is the input for one scalar field.
func control(f *engine.Field, id, ptr string) string {
	label := esc(f.Label())
	described := id + "-msg"
	if quantity(f) {
		described += " " + id + "-reading"
	}
	common := fmt.Sprintf(`id="%s" data-pointer="%s" data-type="%s" aria-label="%s" aria-describedby="%s"`,
		id, esc(ptr), esc(f.Type), label, described)
	if f.Type == "string" && f.Unit == "ISO 8601 with zone" {
		common += ` data-timestamp` // takes "03:14" and "T+14m" in a list's later rows (timeof.ts)
	}
	switch {
	case len(f.Enum) > 0:
		var b strings.Builder
		fmt.Fprintf(&b, `<select %s><option value="">choose…</option>`, common)
		for _, v := range f.Enum {
			fmt.Fprintf(&b, `<option value="%s">%s</option>`, esc(v), esc(v))
		}
		b.WriteString("</select>")
		return b.String()
	case f.Type == "boolean":
		return fmt.Sprintf(`<select %s><option value="">choose…</option><option value="true">yes</option><option value="false">no</option></select>`, common)
	case f.Type == "number" || f.Type == "integer":
		// A text input, not type=number: Chromium turns "forty" into "", and
		// the learner should see the engine say why "forty" is wrong; a
		// quantity also takes a unit ("250 ms"), so it keeps the letters of
		// a phone's keyboard, which inputmode=decimal would take away.
		mode := ` inputmode="decimal"`
		if quantity(f) {
			mode = ""
		}
		return fmt.Sprintf(`<input %s type="text"%s autocomplete="off"%s>`, common, mode, bounds(f))
	case f.MaxLength > 200:
		return fmt.Sprintf(`<textarea %s rows="3"></textarea>`, common)
	}
	return fmt.Sprintf(`<input %s type="text" autocomplete="off">`, common)
}

func bounds(f *engine.Field) string {
	var parts []string
	if f.Minimum != nil {
		parts = append(parts, "≥ "+fmt.Sprint(*f.Minimum))
	}
	if f.ExclusiveMinimum != nil {
		parts = append(parts, "> "+fmt.Sprint(*f.ExclusiveMinimum))
	}
	if f.Maximum != nil {
		parts = append(parts, "≤ "+fmt.Sprint(*f.Maximum))
	}
	if f.ExclusiveMaximum != nil {
		parts = append(parts, "< "+fmt.Sprint(*f.ExclusiveMaximum))
	}
	if len(parts) == 0 {
		return ""
	}
	return ` placeholder="` + esc(strings.Join(parts, ", ")) + `"`
}

// when carries the schema's conditions of a field (engine.Field.ShowWhen)
// to the page script, which shows the field only while one holds. Columns
// of a table have none: a table's columns are the same in every row.
func when(f *engine.Field) string {
	if len(f.ShowWhen) == 0 {
		return ""
	}
	j, _ := json.Marshal(f.ShowWhen)
	return ` data-when="` + esc(string(j)) + `"`
}

func writeDesc(b *strings.Builder, f *engine.Field) {
	if f.Description != "" {
		fmt.Fprintf(b, `<p class="desc">%s</p>`, esc(f.Description))
	}
}

func unit(f *engine.Field) string {
	if f.Unit == "" {
		return ""
	}
	return ` <span class="unit">` + esc(f.Unit) + `</span>`
}

// fieldID makes an HTML id from a JSON pointer.
func fieldID(ptr string) string {
	r := strings.NewReplacer("/", "-", "~", "_", " ", "_")
	return "f" + r.Replace(ptr)
}

func esc(s string) string { return html.EscapeString(s) }
