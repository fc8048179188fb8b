package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ContractFile is the name of the sweep's description in its directory.
const ContractFile = "sweep.json"

// Contract is sweep.json: what "factorflow analyze" needs to read runs.csv.
type Contract struct {
	File         string           `json:"file"` // the sweep file, as named on the command line
	Scenario     string           `json:"scenario"`
	Design       string           `json:"design"`
	Factors      []ContractFactor `json:"factors"`
	Samples      int              `json:"samples"`
	Replications int              `json:"replications"`
	K            int              `json:"k"`      // number of factors
	Points       int              `json:"points"` // design points
	MorrisLevels int              `json:"morris_levels"`
	Seed         int64            `json:"seed"`
	Years        int              `json:"years"` // 0: the scenario's
	Mode         string           `json:"mode"`  // "": the scenario's
	Outputs      string           `json:"outputs"`
	Metrics      []string         `json:"metrics"`
	Hash         string           `json:"hash"` // see Sweep.Hash
	Runs         int              `json:"runs"` // points × replications
}

// ContractFactor describes a factor in sweep.json.
type ContractFactor struct {
	Path string  `json:"path"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Log  bool    `json:"log"`
}

// contract returns the sweep's sweep.json for a design of points points.
func (s *Sweep) contract(points int) *Contract {
	c := &Contract{File: s.file, Scenario: s.Scenario, Design: s.Design, Samples: s.Samples,
		Replications: s.Replications, K: len(s.Factors), Points: points, MorrisLevels: s.MorrisLevels,
		Seed: s.Seed, Years: s.Years, Mode: s.Mode, Outputs: s.Outputs, Metrics: s.Metrics,
		Hash: s.Hash(), Runs: points * s.Replications}
	for _, f := range s.Factors {
		c.Factors = append(c.Factors, ContractFactor{f.Path, f.Min, f.Max, f.Log})
	}
	return c
}

// ChangedError refuses a directory that holds another sweep.
type ChangedError struct {
	Dir       string
	Have, Got string // the hashes of the directory's sweep and of this one
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("sweep: %s holds a different sweep (hash %.12s…, this sweep file %.12s…): "+
		"the sweep file or its scenario changed since it started; restore them, or use another --out",
		e.Dir, e.Have, e.Got)
}

// ReadContract reads dir's sweep.json.
func ReadContract(dir string) (*Contract, error) {
	b, err := os.ReadFile(filepath.Join(dir, ContractFile))
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	var c Contract
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("sweep: %s: %w", filepath.Join(dir, ContractFile), err)
	}
	return &c, nil
}

// claim makes dir and writes c to its sweep.json, or checks that the one
// there has c's hash.
func claim(dir string, c *Contract) error {
	have, err := ReadContract(dir)
	switch {
	case err == nil && have.Hash != c.Hash:
		return &ChangedError{Dir: dir, Have: have.Hash, Got: c.Hash}
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return writeAtomic(filepath.Join(dir, ContractFile), append(b, '\n'))
}

// writeAtomic writes b to a temporary file, syncs it and renames it to
// path.
func writeAtomic(path string, b []byte) error {
	return createAtomic(path, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// createAtomic calls fill with a new temporary file next to path (named
// path.*.tmp, unique, so that shards may claim a directory at once), syncs
// it and renames it to path. On failure it removes the temporary file.
func createAtomic(path string, fill func(f *os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("sweep: %w", err)
	}
	err = fill(f)
	if e := f.Sync(); err == nil {
		err = e
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("sweep: %s: %w", path, err)
	}
	return nil
}
