package sensitivity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGrid(t *testing.T) {
	for _, tc := range []struct {
		name   string
		levels []int
		want   [][]float64
	}{
		{"one factor", []int{3}, [][]float64{{0}, {0.5}, {1}}},
		{"one level", []int{1, 2}, [][]float64{{0.5, 0}, {0.5, 1}}},
		{"two factors", []int{2, 3}, [][]float64{{0, 0}, {0, 0.5}, {0, 1}, {1, 0}, {1, 0.5}, {1, 1}}},
		{"no factors", nil, [][]float64{{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Grid(tc.levels)); diff != "" {
				t.Errorf("Grid(%v) (-want +got):\n%s", tc.levels, diff)
			}
		})
	}
}

func TestGridPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Grid([]int{2, 0}) did not panic")
		}
	}()
	Grid([]int{2, 0})
}

// TestRandomDesigns checks that the random designs have the right shape,
// lie in [0,1), depend only on their seed, and change with it.
func TestRandomDesigns(t *testing.T) {
	for _, tc := range []struct {
		name   string
		design func(n, k int, seed uint64) [][]float64
	}{
		{"Random", Random},
		{"LatinHypercube", LatinHypercube},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n, k = 50, 4
			a := tc.design(n, k, 7)
			if diff := cmp.Diff(a, tc.design(n, k, 7)); diff != "" {
				t.Errorf("same seed, different designs (-first +second):\n%s", diff)
			}
			if cmp.Equal(a, tc.design(n, k, 8)) {
				t.Error("seeds 7 and 8 give the same design")
			}
			if len(a) != n {
				t.Fatalf("%d points, want %d", len(a), n)
			}
			for p, x := range a {
				if len(x) != k {
					t.Fatalf("point %d has %d coordinates, want %d", p, len(x), k)
				}
				for _, v := range x {
					if v < 0 || v >= 1 {
						t.Errorf("point %d = %v is outside [0,1)", p, x)
					}
				}
			}
		})
	}
}

// TestLatinHypercubeStrata checks that each of the n strata of every factor
// holds exactly one point.
func TestLatinHypercubeStrata(t *testing.T) {
	const n, k = 37, 5
	pts := LatinHypercube(n, k, 1)
	for i := range k {
		seen := make([]int, n)
		for _, x := range pts {
			seen[int(x[i]*n)]++
		}
		for s, c := range seen {
			if c != 1 {
				t.Errorf("factor %d, stratum %d holds %d points, want 1", i, s, c)
			}
		}
	}
}
