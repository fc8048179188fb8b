package sweep

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
)

// MergeResult says what Merge found.
type MergeResult struct {
	Contract *Contract
	N        int   // shards of the sweep
	Missing  []int // run ids no shard holds, in order
	// Incomplete are the shards (K of K/N) that miss runs, in order.
	Incomplete []int
	Failed     []Record // the failed runs, by run id, without metrics
}

// shardDir matches a shard's directory name.
var shardDir = regexp.MustCompile(`^shard-([0-9]+)-of-([0-9]+)$`)

// Merge combines the shards of the sweep in dir (its shard-K-of-N
// directories) into dir's runs.csv and runs.parquet, which then equal those
// of the same sweep made unsharded. It refuses shards of another sweep
// (their sweep.json's hash differs from dir's) or of different N, and
// records in another shard's slice. With outputs = "timeseries" it also
// writes timeseries.parquet, and with timeseriesCSV timeseries.csv. When runs are missing it writes nothing
// and lists them, and the shards that miss them, in the result.
func Merge(dir string, timeseriesCSV bool) (*MergeResult, error) {
	c, err := ReadContract(dir)
	if err != nil {
		return nil, err
	}
	shards, n, err := findShards(dir, c)
	if err != nil {
		return nil, err
	}
	res := &MergeResult{Contract: c, N: n}
	defer func() {
		for _, j := range shards {
			if j != nil {
				j.close()
			}
		}
	}()
	for id := range c.Runs {
		j := shards[id%n]
		if j == nil || !j.has(id) {
			res.Missing = append(res.Missing, id)
			if k := id%n + 1; !slices.Contains(res.Incomplete, k) {
				res.Incomplete = append(res.Incomplete, k)
			}
			continue
		}
		if rec, err := j.read(id); err != nil {
			return nil, err
		} else if rec.Status != statusOK {
			res.Failed = append(res.Failed, rec)
		}
	}
	slices.Sort(res.Incomplete)
	if len(res.Missing) > 0 {
		return res, nil
	}
	src := func() source { return &mergeSource{shards: shards} }
	if err := writeTables(dir, c, src); err != nil {
		return nil, err
	}
	if c.Outputs == "timeseries" {
		at := func(id int) string { return seriesPath(Shard{K: id%n + 1, N: n}.Dir(dir), id) }
		if err := writeSeries(dir, c, src, at, timeseriesCSV); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// findShards opens the journals of dir's shards, by K − 1 (nil for a shard
// without a directory), and checks that they belong to c.
func findShards(dir string, c *Contract) ([]*journal, int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("sweep: %w", err)
	}
	var shards []*journal
	n := 0
	for _, e := range entries {
		m := shardDir.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		k, _ := strconv.Atoi(m[1])
		nn, _ := strconv.Atoi(m[2])
		sub := filepath.Join(dir, e.Name())
		switch {
		case n != 0 && nn != n:
			return nil, 0, fmt.Errorf("sweep: %s has shards of %d and of %d: merge one split at a time", dir, n, nn)
		case k < 1 || k > nn:
			return nil, 0, fmt.Errorf("sweep: %s: no such shard", sub)
		}
		if n == 0 {
			n, shards = nn, make([]*journal, nn)
		}
		sc, err := ReadContract(sub)
		if err != nil {
			return nil, 0, err
		}
		if sc.Hash != c.Hash {
			return nil, 0, fmt.Errorf("sweep: %s is a shard of another sweep (hash %.12s…, %s has %.12s…); refusing to merge", sub, sc.Hash, dir, c.Hash)
		}
		j, err := readJournal(filepath.Join(sub, JournalFile), c.Runs)
		if err != nil {
			return nil, 0, err
		}
		shards[k-1] = j
		for id, sp := range j.index {
			if sp.n > 0 && id%nn != k-1 {
				return nil, 0, fmt.Errorf("sweep: %s holds run %d, which belongs to shard %d", sub, id, id%nn+1)
			}
		}
	}
	if n == 0 {
		return nil, 0, fmt.Errorf("sweep: %s has no shard-K-of-N directories to merge", dir)
	}
	return shards, n, nil
}

// mergeSource reads the records of every shard in run-id order.
type mergeSource struct {
	shards []*journal
	id     int
}

func (ms *mergeSource) next() (Record, bool, error) {
	n := len(ms.shards)
	if ms.id >= len(ms.shards[0].index) {
		return Record{}, false, nil
	}
	rec, err := ms.shards[ms.id%n].read(ms.id)
	ms.id++
	return rec, true, err
}
