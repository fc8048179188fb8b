package model

// Metrics are the cluster metrics of one year (MODEL.md section 5).
// Placeholder type: the full definition is being written.
type Metrics struct {
	Stage string
}

// Columns names the numeric metrics in the order Values writes them.
func (m *Metrics) Columns() []string { return nil }

// Values appends the numeric metrics to dst in Columns order.
func (m *Metrics) Values(dst []float64) []float64 { return dst }
