package scenarios

import (
	"sort"
	"strconv"
	"strings"
)

// BurntSushi/toml keeps the position of each key privately and without array
// indices, so the loader finds them itself: scan reads the source of a file
// that has already parsed and maps every key path, with array indices, to
// where the key is written. It is not a validating parser: on input that is
// not TOML it still ends, without panicking, and returns what it found.

// position is a line and byte column, both counted from 1.
type position struct{ Line, Col int }

// positions maps paths such as "cities[3].population" to where their key is
// written; a table or array element maps to its header.
type positions map[string]position

// find returns the position of path, or of its nearest ancestor that has
// one, or line 1 column 1.
func (ps positions) find(path string) position {
	for p := path; ; p = parent(p) {
		if at, ok := ps[p]; ok {
			return at
		}
		if p == "" {
			return position{1, 1}
		}
	}
}

type scanner struct {
	s      string
	i      int
	lines  []int // byte offset of each line start
	pos    positions
	counts map[string]int // elements so far of each array of tables
}

type segment struct {
	name string
	at   int
}

// scan returns the positions of the keys of TOML source src.
func scan(src []byte) positions {
	s := &scanner{s: string(src), pos: positions{}, counts: map[string]int{}}
	s.lines = []int{0}
	for i := 0; i < len(s.s); i++ {
		if s.s[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	if strings.HasPrefix(s.s, "\xef\xbb\xbf") {
		s.i = 3
	}
	s.document()
	return s.pos
}

func (s *scanner) document() {
	table := ""
	for {
		s.trivia()
		if s.i >= len(s.s) {
			return
		}
		start := s.i
		if s.s[s.i] == '[' {
			table = s.header()
		} else {
			s.keyval(table)
		}
		if s.i == start {
			s.i++
		}
	}
}

// header reads [table] or [[array]] and returns the path of the table it opens.
func (s *scanner) header() string {
	at := s.i
	array := strings.HasPrefix(s.s[s.i:], "[[")
	s.i++
	if array {
		s.i++
	}
	segs := s.key()
	s.skipLine()
	if len(segs) == 0 {
		return ""
	}
	path := ""
	for k, sg := range segs {
		path = join(path, sg.name)
		if k == len(segs)-1 {
			break
		}
		s.mark(path, sg.at)
		if n := s.counts[path]; n > 0 {
			path = index(path, n-1)
		}
	}
	if array {
		n := s.counts[path]
		s.counts[path] = n + 1
		s.mark(path, at)
		path = index(path, n)
	}
	s.mark(path, at)
	return path
}

// keyval reads key = value inside the table at path base.
func (s *scanner) keyval(base string) {
	segs := s.key()
	if len(segs) == 0 {
		s.skipLine()
		return
	}
	path := base
	for _, sg := range segs {
		path = join(path, sg.name)
		s.mark(path, sg.at)
	}
	s.space()
	if s.peek() != '=' {
		s.skipLine()
		return
	}
	s.i++
	s.space()
	s.value(path)
}

// key reads a possibly dotted key.
func (s *scanner) key() []segment {
	var segs []segment
	for {
		s.space()
		at := s.i
		name, ok := s.simpleKey()
		if !ok {
			return segs
		}
		segs = append(segs, segment{name, at})
		s.space()
		if s.peek() != '.' {
			return segs
		}
		s.i++
	}
}

func (s *scanner) simpleKey() (string, bool) {
	switch s.peek() {
	case '"', '\'':
		return s.shortString(), true
	}
	start := s.i
	for s.i < len(s.s) && isBare(s.s[s.i]) {
		s.i++
	}
	return s.s[start:s.i], s.i > start
}

func (s *scanner) value(path string) {
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '[':
		s.array(path)
	case '{':
		s.inline(path)
	default:
		for s.i < len(s.s) && !strings.ContainsRune(",]}\r\n#", rune(s.s[s.i])) {
			s.i++
		}
	}
}

func (s *scanner) array(path string) {
	s.i++
	for n := 0; s.i < len(s.s); {
		s.trivia()
		switch s.peek() {
		case ']':
			s.i++
			return
		case ',':
			s.i++
			continue
		case 0:
			return
		}
		start := s.i
		p := index(path, n)
		s.mark(p, start)
		s.value(p)
		n++
		if s.i == start {
			s.i++
		}
	}
}

func (s *scanner) inline(path string) {
	s.i++
	for s.i < len(s.s) {
		s.trivia()
		switch s.peek() {
		case '}':
			s.i++
			return
		case ',':
			s.i++
			continue
		case 0:
			return
		}
		start := s.i
		s.keyval(path)
		if s.i == start {
			s.i++
		}
	}
}

// str skips a string value of any of the four kinds.
func (s *scanner) str() {
	q := s.s[s.i]
	delim := strings.Repeat(string(q), 3)
	if !strings.HasPrefix(s.s[s.i:], delim) {
		s.shortString()
		return
	}
	s.i += 3
	for s.i < len(s.s) && !strings.HasPrefix(s.s[s.i:], delim) {
		if q == '"' && s.s[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i += 3
	for k := 0; k < 2 && s.peek() == q; k++ { // up to two quotes may end the content
		s.i++
	}
	s.i = min(s.i, len(s.s))
}

// shortString reads a one-line string at s.i and returns its content.
func (s *scanner) shortString() string {
	q := s.s[s.i]
	s.i++
	start := s.i
	for s.i < len(s.s) && s.s[s.i] != q && s.s[s.i] != '\n' {
		if q == '"' && s.s[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	end := min(s.i, len(s.s))
	raw := s.s[start:end]
	if s.i < len(s.s) && s.s[s.i] == q {
		s.i++
	}
	if q == '"' {
		if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			return u
		}
	}
	return raw
}

func (s *scanner) peek() byte {
	if s.i < len(s.s) {
		return s.s[s.i]
	}
	return 0
}

func (s *scanner) space() {
	for s.i < len(s.s) && (s.s[s.i] == ' ' || s.s[s.i] == '\t') {
		s.i++
	}
}

// trivia skips white space, newlines and comments.
func (s *scanner) trivia() {
	for s.i < len(s.s) {
		switch s.s[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the end of the line (not past the newline).
func (s *scanner) skipLine() {
	for s.i < len(s.s) && s.s[s.i] != '\n' {
		s.i++
	}
}

// mark records the position of byte offset at for path, if it has none yet.
func (s *scanner) mark(path string, at int) {
	if _, ok := s.pos[path]; ok {
		return
	}
	line := sort.Search(len(s.lines), func(k int) bool { return s.lines[k] > at }) - 1
	line = max(line, 0)
	s.pos[path] = position{line + 1, at - s.lines[line] + 1}
}
