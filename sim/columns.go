package sim

import "factorflow/model"

// MetricColumns returns the metric columns of sc's runs, as Metrics.Columns
// names them in every frame: the common columns, then the family's own,
// which are known once its initial state is built (the report's model has
// none, and nothing is built for it).
func MetricColumns(sc *model.Scenario) ([]string, error) {
	if sc.Family == "" || sc.Family == "synergy" {
		return new(model.Metrics).Columns(), nil
	}
	s, err := New(sc, Options{})
	if err != nil {
		return nil, err
	}
	return s.Frame().Metrics.Columns(), nil
}
