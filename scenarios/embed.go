package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// files holds the scenarios shipped with factorflow.
//
//go:embed *.toml
var files embed.FS

// Names returns the names of the embedded scenarios (file names without
// ".toml"), sorted.
func Names() []string {
	matches, _ := fs.Glob(files, "*.toml") // the pattern is valid
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = strings.TrimSuffix(m, ".toml")
	}
	sort.Strings(names)
	return names
}

// Source returns the TOML text of the embedded scenario name ("name" or
// "name.toml").
func Source(name string) ([]byte, error) {
	n := embeddedName(name)
	data, err := files.ReadFile(n + ".toml")
	if err != nil || n == "" {
		return nil, fmt.Errorf("scenarios: unknown scenario %q (embedded: %s)", name, strings.Join(Names(), ", "))
	}
	return data, nil
}

// embeddedName turns "name", "name.toml" or "./name.toml" into "name"; it
// returns "" for anything that cannot be an embedded name.
func embeddedName(name string) string {
	n := strings.TrimSuffix(path.Clean(name), ".toml")
	if strings.ContainsAny(n, `/\`) || n == "." || n == ".." {
		return ""
	}
	return n
}

func embedded(name string) (source, error) {
	data, err := Source(name)
	if err != nil {
		return source{}, err
	}
	n := embeddedName(name)
	return source{name: n + ".toml", id: "embed:" + n, data: data, embedded: true}, nil
}
