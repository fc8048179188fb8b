package sweep_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"factorflow/sim/sweep"
)

// A sweep of the teaching scenario: 4 random points of two factors, 2
// replications each, 2 mean-field years.
func Example() {
	s, err := sweep.Load("testdata/teaching.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "sweep")
	defer os.RemoveAll(dir)
	res, err := sweep.Run(context.Background(), s, dir, sweep.Options{Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Total, "runs,", res.Failed, "failed")
	b, _ := os.ReadFile(filepath.Join(dir, sweep.RunsCSV))
	lines := strings.Split(string(b), "\n")
	fmt.Println(lines[0])
	fmt.Println(strings.Join(strings.Split(lines[1], ",")[:4], ","))
	// Output:
	// 8 runs, 0 failed
	// run,point,replicate,seed,migration.rate,migration.moving_cost,status,error,output,cliff,theil
	// 0,0,0,3419864383188818853
}
