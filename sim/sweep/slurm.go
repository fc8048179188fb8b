package sweep

import (
	"fmt"
	"path/filepath"
	"strings"
)

// SlurmFile is the name of the Slurm job script in a sweep directory.
const SlurmFile = "sweep.sbatch"

// Slurm describes the Slurm job array of a sweep.
type Slurm struct {
	Binary string // the factorflow executable, absolute
	File   string // the sweep file, absolute
	Dir    string // the sweep directory, absolute
	Tasks  int    // array tasks, one shard each; default 10, at most the runs
	// Partition and Time are passed to sbatch when set (--partition,
	// --time); Time defaults to 1:00:00.
	Partition, Time string
	CSV             bool // pass --csv to the shards and the merge
}

// WriteSlurm claims s's sweep directory and writes sweep.sbatch there: a
// job array of one task per shard (task K runs shard K/Tasks, from
// SLURM_ARRAY_TASK_ID) which, run outside Slurm with bash, submits itself
// and then a merge job that waits for every task (afterany). It returns the
// script's path.
func WriteSlurm(s *Sweep, sl Slurm) (string, error) {
	c := s.contract(len(s.Points()))
	if err := claim(sl.Dir, c); err != nil {
		return "", err
	}
	if sl.Tasks <= 0 {
		sl.Tasks = 10
	}
	sl.Tasks = min(sl.Tasks, c.Runs)
	if sl.Time == "" {
		sl.Time = "1:00:00"
	}
	path := filepath.Join(sl.Dir, SlurmFile)
	return path, writeAtomic(path, []byte(sl.script(s.Name())))
}

// script returns the job script.
func (sl Slurm) script(name string) string {
	q := shellQuote
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/bash\n# The sweep %s as a Slurm job array, written by factorflow sweep --slurm.\n", sl.File)
	fmt.Fprintf(&b, "# Submit with: bash %s\n", q(filepath.Join(sl.Dir, SlurmFile)))
	fmt.Fprintf(&b, "#SBATCH --job-name=sweep-%s\n#SBATCH --array=1-%d\n#SBATCH --time=%s\n", name, sl.Tasks, sl.Time)
	if sl.Partition != "" {
		fmt.Fprintf(&b, "#SBATCH --partition=%s\n", sl.Partition)
	}
	fmt.Fprintf(&b, "#SBATCH --output=%s\n", filepath.Join(sl.Dir, "slurm-%A_%a.out"))
	fmt.Fprintf(&b, `set -euo pipefail
factorflow=%s
file=%s
dir=%s
if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
	# Outside Slurm: submit the array, then the merge after all its tasks.
	job=$(sbatch --parsable "$0")
	merge=$(sbatch --parsable --job-name=merge-%s --dependency=afterany:"${job%%%%;*}" %s--output="$dir/slurm-merge-%%j.out" --wrap %s)
	echo "submitted the sweep as job array $job (%d tasks) and the merge as job $merge"
	exit 0
fi
# Shard K of %d; exit 1 when some of its runs failed (the merge lists them).
exec "$factorflow" sweep "$file" --out "$dir" --shard "$SLURM_ARRAY_TASK_ID/%d" --quiet%s
`, q(sl.Binary), q(sl.File), q(sl.Dir), name, sl.partitionFlag(), q(q(sl.Binary)+" merge "+q(sl.Dir)+sl.csvFlag()),
		sl.Tasks, sl.Tasks, sl.Tasks, sl.csvFlag())
	return b.String()
}

func (sl Slurm) csvFlag() string {
	if sl.CSV {
		return " --csv"
	}
	return ""
}

func (sl Slurm) partitionFlag() string {
	if sl.Partition == "" {
		return ""
	}
	return "--partition=" + shellQuote(sl.Partition) + " "
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
