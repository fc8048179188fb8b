package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// setFile is the File of a problem with a --set override.
const setFile = "--set"

// Error is one problem found while loading a scenario.
type Error struct {
	File string // the file as named to Load or Parse, or "--set" for an override
	Line int    // counted from 1; 0 for an override
	Col  int    // byte column counted from 1; 0 for an override
	Key  string // the offending key, as in "cities[3].population"; may be empty
	Msg  string // what is wrong
}

// Error formats the problem as "file:line:col: key: msg", or "--set: key: msg"
// for an override.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors are all the problems of one load, in file order and then by line.
type Errors []*Error

// Error joins the problems, one a line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted returns es ordered by file (in order of first appearance), line and
// column, or nil if there are none, so that a caller's err != nil holds only
// when something is wrong.
func (es Errors) sorted() error {
	if len(es) == 0 {
		return nil
	}
	rank := map[string]int{setFile: 1 << 30}
	for _, e := range es {
		if _, ok := rank[e.File]; !ok {
			rank[e.File] = len(rank)
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if rank[a.File] != rank[b.File] {
			return rank[a.File] < rank[b.File]
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return es
}
