package engine

// What the external tests (package engine_test, which may import the
// built-in katas) need of the engine's insides.
var (
	SameAsYAML = sameAsYAML
	ReadFiles  = readFiles
	Between    = between
)
