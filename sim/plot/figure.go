package plot

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default size of a figure: 10 × 6 inches.
const (
	Width  = 10 * vg.Inch
	Height = 6 * vg.Inch
)

// DPI is the resolution of PNG figures.
const DPI = 150

// pngEncoder favours speed: the default level takes twice as long for
// files about 7 % smaller.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

// svgFonts is the font-family of SVG text: Liberation Sans where it is
// installed, else the viewer's metrically similar sans-serif fonts.
const svgFonts = "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"

// Formats are the output formats of Render.
var Formats = []string{"png", "svg"}

// Figure is one figure, ready to render.
type Figure struct {
	Name  string // file name without extension, e.g. "population"
	Title string // what it shows, also its title
	// Width and Height are its size; zero means Width and Height.
	Width, Height vg.Length
	draw          func(dc draw.Canvas)
}

func (f *Figure) size() (w, h vg.Length) {
	w, h = f.Width, f.Height
	if w == 0 {
		w = Width
	}
	if h == 0 {
		h = Height
	}
	return w, h
}

// Render draws the figure as format "svg" or "png" and returns the file's
// bytes. The same figure gives the same bytes.
func (f *Figure) Render(format string) (b []byte, err error) {
	w, h := f.size()
	defer func() {
		// gonum/plot panics on some degenerate inputs; no panic leaves
		// this package.
		if e := recover(); e != nil {
			b, err = nil, fmt.Errorf("plot: figure %s: %v", f.Name, e)
		}
	}()
	var buf bytes.Buffer
	switch format {
	case "svg":
		c := vgsvg.New(w, h)
		f.drawOn(draw.New(c))
		_, err = c.WriteTo(&buf)
		b := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"), []byte(svgFonts))
		buf = *bytes.NewBuffer(b)
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
		f.drawOn(draw.New(c))
		err = pngEncoder.Encode(&buf, c.Image())
	default:
		return nil, fmt.Errorf("plot: format %q: want png or svg", format)
	}
	if err != nil {
		return nil, fmt.Errorf("plot: figure %s: %w", f.Name, err)
	}
	return buf.Bytes(), nil
}

// drawOn fills dc white and draws the figure.
func (f *Figure) drawOn(dc draw.Canvas) {
	dc.SetColor(white)
	dc.Fill(dc.Rectangle.Path())
	f.draw(dc)
}

// WriteFigures renders each figure as format into dir, which it creates if
// needed, as dir/<name>.<format>, and returns the paths written. Each file
// is written under a temporary name and renamed when complete.
func WriteFigures(dir string, figs []*Figure, format string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	var paths []string
	for _, f := range figs {
		b, err := f.Render(format)
		if err != nil {
			return paths, err
		}
		path := filepath.Join(dir, f.Name+"."+format)
		if err := WriteFile(path, b); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// WriteFile writes b to path atomically: to a temporary file in the same
// directory, synced, then renamed to path. A failure leaves no file under
// path's name other than what was there before.
func WriteFile(path string, b []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	_, err = f.Write(b)
	if e := f.Sync(); err == nil {
		err = e
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("plot: %w", err)
	}
	return nil
}
