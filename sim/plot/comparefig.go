package plot

// CompareFigures returns the figures of a compare CSV: the difference
// variant − base of the key metrics over the years, with their 95 %
// confidence bands.
func CompareFigures(c *Compare) []*Figure {
	return nil
}
