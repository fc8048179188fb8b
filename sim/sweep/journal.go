package sweep

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// JournalFile is the name of the journal in a sweep (or shard) directory.
const JournalFile = "journal.jsonl"

// Record is the outcome of one run: one line of the journal.
type Record struct {
	Run       int       `json:"run"`
	Point     int       `json:"point"`
	Replicate int       `json:"replicate"`
	Seed      int64     `json:"seed"`
	X         []float64 `json:"x"`               // the factors' values, in factor order
	Status    string    `json:"status"`          // "ok" or "failed"
	Error     string    `json:"error,omitempty"` // why it failed
	Metrics   []float64 `json:"m,omitempty"`     // the metrics' final values; none when failed
}

// span locates a record in a journal; n = 0 means absent.
type span struct {
	off int64
	n   int32
}

// journal is an append-only file of records, one JSON object a line, and
// the index of the records it holds by run id.
type journal struct {
	f      *os.File
	size   int64
	index  []span // by run id
	done   int
	failed int
}

// openJournal opens (or creates) the journal at path of a sweep of total
// runs and indexes it. A last line without its newline (a write cut short)
// is cut off; any other bad line is an error. A run recorded twice keeps
// its first record. The journal is locked while open (see lock).
func openJournal(path string, total int) (*journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	j := &journal{f: f, index: make([]span, total)}
	if err := j.scan(path); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Truncate(j.size); err != nil {
		f.Close()
		return nil, fmt.Errorf("sweep: %w", err)
	}
	return j, nil
}

// scan indexes the complete lines of the journal and sets size to the end
// of the last one.
func (j *journal) scan(path string) error {
	r := bufio.NewReader(io.NewSectionReader(j.f, 0, 1<<62))
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return nil // a torn last line, or none
		}
		if err != nil {
			return fmt.Errorf("sweep: %w", err)
		}
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("sweep: %s:%d: bad record: %v", path, n, err)
		}
		if rec.Run < 0 || rec.Run >= len(j.index) {
			return fmt.Errorf("sweep: %s:%d: run %d outside the sweep's %d runs", path, n, rec.Run, len(j.index))
		}
		j.note(rec, int32(len(line)))
	}
}

// note indexes rec, written at the journal's end in n bytes.
func (j *journal) note(rec Record, n int32) {
	if j.index[rec.Run].n == 0 {
		j.index[rec.Run] = span{off: j.size, n: n}
		j.done++
		if rec.Status != statusOK {
			j.failed++
		}
	}
	j.size += int64(n)
}

// has reports whether run id is recorded.
func (j *journal) has(id int) bool { return j.index[id].n > 0 }

// append writes the records, each in one write, then syncs the file.
func (j *journal) append(recs []Record) error {
	var buf bytes.Buffer
	for _, rec := range recs {
		buf.Reset()
		if err := json.NewEncoder(&buf).Encode(rec); err != nil {
			return fmt.Errorf("sweep: run %d: %w", rec.Run, err)
		}
		if _, err := j.f.WriteAt(buf.Bytes(), j.size); err != nil {
			return fmt.Errorf("sweep: journal: %w", err)
		}
		j.note(rec, int32(buf.Len()))
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sweep: journal: %w", err)
	}
	return nil
}

// read returns the record of run id, which must be present.
func (j *journal) read(id int) (Record, error) {
	sp := j.index[id]
	buf := make([]byte, sp.n)
	var rec Record
	if _, err := j.f.ReadAt(buf, sp.off); err != nil {
		return rec, fmt.Errorf("sweep: journal: %w", err)
	}
	if err := json.Unmarshal(buf, &rec); err != nil {
		return rec, fmt.Errorf("sweep: journal, run %d: %w", id, err)
	}
	return rec, nil
}

func (j *journal) close() error { return j.f.Close() }

// readJournal opens the journal at path read-only and indexes it; a torn
// last line is ignored.
func readJournal(path string, total int) (*journal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	j := &journal{f: f, index: make([]span, total)}
	if err := j.scan(path); err != nil {
		f.Close()
		return nil, err
	}
	return j, nil
}
