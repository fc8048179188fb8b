package facts

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestReplicate checks that replicate runs every replication exactly once,
// whatever the number of workers, and returns the errors of the failed ones.
func TestReplicate(t *testing.T) {
	tests := []struct {
		n    int
		fail map[int]bool
	}{
		{1, nil},
		{7, nil},
		{40, map[int]bool{3: true, 40: true}},
	}
	for _, tt := range tests {
		counts := make([]atomic.Int32, tt.n+1)
		errBad := errors.New("bad replication")
		err := replicate(context.Background(), tt.n, func(rep int) error {
			counts[rep].Add(1)
			if tt.fail[rep] {
				return errBad
			}
			return nil
		})
		for rep := 1; rep <= tt.n; rep++ {
			if got := counts[rep].Load(); got != 1 {
				t.Errorf("n=%d: replication %d ran %d times, want 1", tt.n, rep, got)
			}
		}
		if got := counts[0].Load(); got != 0 {
			t.Errorf("n=%d: replication 0 ran %d times, want never", tt.n, got)
		}
		if (err != nil) != (len(tt.fail) > 0) || (err != nil && !errors.Is(err, errBad)) {
			t.Errorf("n=%d: error %v, want one wrapping %v exactly when a replication fails", tt.n, err, errBad)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := replicate(ctx, 3, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
}
