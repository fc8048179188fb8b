package sweep

import (
	"context"
	"os"
	"path/filepath"
)

// This file exports the sweep's journal, worker pool and table writers for
// other batch drivers (package calibrate) that number their runs
// themselves.

// Journal is a sweep journal used on its own: an append-only file of
// records indexed by run id, locked while open, that survives a kill at
// any moment (see the package doc).
type Journal struct{ j *journal }

// OpenJournal opens (or creates) the journal at path for run ids in
// [0, total) and indexes the records it already holds.
func OpenJournal(path string, total int) (*Journal, error) {
	j, err := openJournal(path, total)
	if err != nil {
		return nil, err
	}
	return &Journal{j}, nil
}

// Has reports whether run id is recorded; it panics if id is outside
// [0, total).
func (j *Journal) Has(id int) bool { return j.j.has(id) }

// Read returns the record of run id, which must be recorded.
func (j *Journal) Read(id int) (Record, error) { return j.j.read(id) }

// Close closes the journal and releases its lock.
func (j *Journal) Close() error { return j.j.close() }

// Pool calls run for every id of todo on workers goroutines (default
// runtime.NumCPU()) and journals each record as it finishes; the records'
// Run fields must be their ids. Cancelling ctx stops handing out ids:
// those in flight finish and are journalled, and Pool returns nil; the
// caller tells an interruption by ctx.Err.
func Pool(ctx context.Context, j *Journal, todo []int, workers int, run func(id int) Record) error {
	return pool(ctx, j.j, todo, workers, run, nil)
}

// WriteAtomic calls fill with a new temporary file next to path, syncs it
// and renames it to path, so that path is either absent, the old file or
// complete. On failure it removes the temporary file.
func WriteAtomic(path string, fill func(f *os.File) error) error {
	return createAtomic(path, fill)
}

// WriteParquet writes recs, in their order, as a runs table of the
// contract's factors and metrics (the columns of runs.parquet) at path,
// atomically.
func WriteParquet(path string, c *Contract, recs []Record) error {
	return createAtomic(path, func(f *os.File) error {
		return writeParquet(f, c, &sliceSource{recs: recs})
	})
}

// RemoveTemps removes the temporary files (name.*.tmp) that a process
// killed while writing left in dir.
func RemoveTemps(dir string, names ...string) {
	for _, n := range names {
		tmps, _ := filepath.Glob(filepath.Join(dir, n+".*.tmp"))
		for _, t := range tmps {
			os.Remove(t)
		}
	}
}

// sliceSource yields records from a slice.
type sliceSource struct {
	recs []Record
	i    int
}

func (s *sliceSource) next() (Record, bool, error) {
	if s.i >= len(s.recs) {
		return Record{}, false, nil
	}
	s.i++
	return s.recs[s.i-1], true, nil
}
