// Package scenarios loads factorflow scenarios: TOML files whose keys are
// the fields of model.Scenario, as declared by its struct tags (toml, unit,
// def, min, max, enum, src).
//
// The scenarios shipped with factorflow are embedded (Names, Source); Load
// takes one of them or a file, Parse takes bytes. Loading is strict and
// complete:
//
//   - every key absent from a file gets the default of its def tag, also in
//     each element of an array of tables such as [[cities]];
//   - a key the schema does not know is an error, and so is a value of the
//     wrong type;
//   - a file may extend a base scenario (extends = "base.toml", a path
//     relative to the file or an embedded name): its keys override the
//     base's. An element of [[sectors]], [[regions]], [[cities]] or
//     [[policies]] whose name is in the base updates that element, key by
//     key; other elements append. [[transport.links]] append, and a
//     [[barriers.pairs]] for the same two regions replaces the base's pair.
//     A table of shares or inputs replaces the base's table whole;
//   - overrides "path=value" (the command's --set flag) apply last;
//   - validation then checks ranges, enums, names and the references
//     between them, and the model's consistency rules.
//
// Every problem found is reported, each with the file, line and column of
// the key it concerns, in an Errors value. The parts: load.go resolves files
// and extends, decode.go applies one file, position.go finds where keys are
// written, set.go applies overrides, validate.go checks the result,
// params.go lists the parameters and encode.go writes a scenario back as
// TOML.
package scenarios
