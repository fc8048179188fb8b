package output_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"factorflow/sim/output"
)

// A Writer observes each year's frame and finishes the run directory on
// Close. Here two hand-made frames stand in for sim.Run.
func Example() {
	parent, err := os.MkdirTemp("", "factorflow-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(parent)
	dir := filepath.Join(parent, "run")

	sc := toyScenario()
	w, err := output.Create(dir, sc, output.Meta{Version: "0.1.0"})
	if err != nil {
		log.Fatal(err)
	}
	var runErr error
	for year := sc.StartYear; year <= sc.StartYear+1 && runErr == nil; year++ {
		runErr = w.Observe(toyFrame(sc, year)) // sim.Run(ctx, sc, opt, w) in a real run
	}
	if err := w.Close(runErr); err != nil {
		log.Fatal(err)
	}

	flows, _ := os.ReadFile(filepath.Join(dir, output.FlowsFile))
	fmt.Print(string(flows))
	m, _ := output.ReadManifest(dir)
	fmt.Println(m.Status, m.YearsWritten, *m.LastYear)
	// Output:
	// year,factor,origin,destination,amount
	// 2016,talent,Alpha,Beta,5
	// 2016,capital,"Gamma, Port",Alpha,0.5
	// 2016,workers,rural:South,"Gamma, Port",40
	// 2016,workers,Alpha,rural:North,3
	// complete 2 2016
}
