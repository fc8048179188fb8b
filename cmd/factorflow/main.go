// Command factorflow simulates the flow of talent, capital and firms between
// the cities of a city cluster, from a TOML scenario. Run "factorflow help"
// for the commands, their flags, the exit codes and the output files.
package main

import "os"

func main() { os.Exit(run(os.Stdout, os.Stderr, os.Args[1:])) }
