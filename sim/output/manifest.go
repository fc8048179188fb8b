package output

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Run statuses recorded in the manifest.
const (
	StatusComplete    = "complete"    // every year was simulated and written
	StatusFailed      = "failed"      // the run or the writing stopped with an error
	StatusInterrupted = "interrupted" // the run was cancelled (Ctrl-C)
)

// File names in a run directory.
const (
	CitiesFile   = "cities.csv"
	RegionsFile  = "regions.csv"
	FlowsFile    = "flows.csv"
	MetricsFile  = "metrics.csv"
	PoliciesFile = "policies.csv"
	ScenarioFile = "scenario.toml"
	ManifestFile = "manifest.json"
)

// Manifest is the content of manifest.json, the last file of a run
// directory to be written.
type Manifest struct {
	Factorflow     string   `json:"factorflow"`      // factorflow version
	Go             string   `json:"go"`              // Go version that built it
	Scenario       string   `json:"scenario"`        // scenario name
	ScenarioSHA256 string   `json:"scenario_sha256"` // hex sha256 of scenario.toml
	Seed           int64    `json:"seed"`
	Mode           string   `json:"mode"` // stochastic or mean-field
	Args           []string `json:"args"` // command line
	Start          string   `json:"start"`
	End            string   `json:"end"`    // RFC 3339
	Status         string   `json:"status"` // complete, failed or interrupted
	Error          string   `json:"error,omitempty"`
	StartYear      int      `json:"start_year"`    // the scenario's first year
	YearsWritten   int      `json:"years_written"` // years with rows in the tables
	LastYear       *int     `json:"last_year"`     // last year written; null if none
	Files          []File   `json:"files"`         // files complete under their final names
}

// File describes one complete file of a run directory.
type File struct {
	Name  string `json:"name"`
	Rows  *int64 `json:"rows,omitempty"` // data rows of a CSV file, header excluded
	Bytes int64  `json:"bytes"`
}

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	m := new(Manifest)
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("output: %s: %w", ManifestFile, err)
	}
	return m, nil
}

// write writes the manifest to dir/manifest.json.tmp and renames it.
func (m *Manifest) write(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, ManifestFile), append(b, '\n'))
}

// writeAtomic writes b to path.tmp, syncs it and renames it to path.
func writeAtomic(path string, b []byte) error {
	f, err := os.OpenFile(path+tmpSuffix, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if e := f.Sync(); err == nil {
		err = e
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		os.Remove(path + tmpSuffix)
		return err
	}
	return os.Rename(path+tmpSuffix, path)
}
