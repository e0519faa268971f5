// Package safejson encodes values as encoding/json does, except that a
// non-finite float (NaN, +Inf, -Inf) becomes the string "NaN", "Infinity"
// or "-Infinity" instead of failing the whole value. The WebAssembly bridge
// uses it so that one absurd answer (mu_rps: 1e308 makes a chart's curve
// infinite) still brings the page its findings, and the differential test
// uses it to encode the native engine's reports the same way.
package safejson

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
)

// Marshal is json.Marshal with non-finite floats written as strings.
func Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	// A type assertion, not errors.As: json.Marshal returns the error
	// unwrapped, and errors.As costs the WebAssembly engine 46 KB.
	if _, ok := err.(*json.UnsupportedValueError); !ok {
		return b, err
	}
	// The slow path, only for values that hold a non-finite float.
	return json.Marshal(plain(reflect.ValueOf(v)))
}

// Finite reports the string Marshal writes for f, or "" when f is finite.
func Finite(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return ""
}

// plain rebuilds v from maps, slices and scalars, as encoding/json would
// see it (field names and omitempty from the json tags), with non-finite
// floats replaced.
func plain(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.CanInterface() && !(v.Kind() == reflect.Pointer && v.IsNil()) {
		if _, ok := v.Interface().(json.Marshaler); ok {
			return v.Interface() // encoding/json calls its MarshalJSON
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	case reflect.Float32, reflect.Float64:
		if s := Finite(v.Float()); s != "" {
			return s
		}
		return v.Interface()
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		m := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			m[mapKey(it.Key())] = plain(it.Value())
		}
		return m
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Interface() // []byte is base64, as encoding/json writes it
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Struct:
		o := &object{}
		o.addFields(v)
		return o
	}
	return v.Interface()
}

// object is a struct's fields in declaration order, as encoding/json
// writes them.
type object struct {
	keys []string
	vals []any
}

func (o *object) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

func mapKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return k.String()
	}
	b, _ := json.Marshal(k.Interface()) // ints and TextMarshalers, quoted
	return strings.Trim(string(b), `"`)
}

// addFields adds the exported fields of struct v under their JSON names;
// embedded structs without a name are inlined, as encoding/json does.
func (o *object) addFields(v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			o.addFields(fv)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(","+opts+",", ",omitempty,") && empty(fv) ||
			strings.Contains(","+opts+",", ",omitzero,") && fv.IsZero() {
			continue
		}
		o.keys = append(o.keys, name)
		o.vals = append(o.vals, plain(fv))
	}
}

// empty is encoding/json's idea of an empty value for omitempty.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
