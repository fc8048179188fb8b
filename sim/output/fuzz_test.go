package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"factorflow/sim/output"
)

// FuzzReadManifest: reading any manifest.json gives a manifest or an error,
// never a panic.
func FuzzReadManifest(f *testing.F) {
	for _, s := range []string{
		`{"status":"complete","years_written":3,"last_year":2018}`,
		`{"status":1}`, `{`, ``, `null`, `[]`, `{"files":[{"name":"x","rows":-1}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, output.ManifestFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := output.ReadManifest(dir)
		if err == nil && m == nil {
			t.Fatal("nil manifest without an error")
		}
	})
}
