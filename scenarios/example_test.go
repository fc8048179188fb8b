package scenarios_test

import (
	"fmt"

	"factorflow/scenarios"
)

func ExampleParse() {
	src := `
name = "example"
[migration]
rate = 0.2

[[sectors]]
name = "tech"

[[regions]]
name = "North"

[[cities]]
name = "Alpha"
region = "North"
population = 1e6
sectors = {tech = 1}
`
	sc, err := scenarios.Parse("example.toml", []byte(src), []string{"cities.Alpha.population=2e6"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sc.Name, sc.Migration.Rate, sc.Migration.MovingCost, sc.Cities[0].Population, sc.Cities[0].Role)

	_, err = scenarios.Parse("example.toml", []byte(src), []string{"migration.rate=1.5", "mode=fast"})
	fmt.Println(err)
	// Output:
	// example 0.2 2.5 2e+06 hinterland
	// --set: mode: "fast" is not one of stochastic, mean-field
	// --set: migration.rate: 1.5 out of range [0, 1]
	// --set: migration.rate: migration.rate * dt = 1.5 exceeds 0.3 (MODEL.md: rho*dt <= 0.3)
}
