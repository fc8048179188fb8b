package marius

import "math"

// WGS84 ellipsoid.
const (
	wgsA = 6378137.0         // semi-major axis, m
	wgsF = 1 / 298.257223563 // flattening
	wgsB = wgsA * (1 - wgsF) // semi-minor axis, m
)

// Distance returns the geodesic distance in metres between two points given
// in decimal degrees, on the WGS84 ellipsoid (Vincenty's inverse formula, as
// the orthodromic distance of the published model). For nearly antipodal
// points, where the iteration does not converge, it returns the great-circle
// distance on the sphere of the same mean radius.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	return geodesic(at(lat1, lon1), at(lat2, lon2))
}

// point is a place prepared for geodesic: its reduced latitude's sine and
// cosine, and its latitude and longitude in radians.
type point struct{ sinU, cosU, lat, lon float64 }

// at prepares the place at lat, lon (decimal degrees).
func at(lat, lon float64) point {
	const rad = math.Pi / 180
	sinU, cosU := reduced(lat * rad)
	return point{sinU: sinU, cosU: cosU, lat: lat * rad, lon: lon * rad}
}

// geodesic is Vincenty's inverse formula between two prepared points, m.
func geodesic(p, q point) float64 {
	L := q.lon - p.lon
	sinU1, cosU1, sinU2, cosU2 := p.sinU, p.cosU, q.sinU, q.cosU
	lambda := L
	for range 200 {
		sinL, cosL := math.Sincos(lambda)
		x, y := cosU2*sinL, cosU1*sinU2-sinU1*cosU2*cosL
		sinS := math.Hypot(x, y)
		if sinS == 0 {
			return 0 // the same point
		}
		cosS := sinU1*sinU2 + cosU1*cosU2*cosL
		sigma := math.Atan2(sinS, cosS)
		sinA := cosU1 * cosU2 * sinL / sinS
		cos2A := 1 - sinA*sinA
		cos2M := 0.0 // on the equator
		if cos2A != 0 {
			cos2M = cosS - 2*sinU1*sinU2/cos2A
		}
		c := wgsF / 16 * cos2A * (4 + wgsF*(4-3*cos2A))
		prev := lambda
		lambda = L + (1-c)*wgsF*sinA*(sigma+c*sinS*(cos2M+c*cosS*(-1+2*cos2M*cos2M)))
		if math.Abs(lambda-prev) < 1e-12 {
			u2 := cos2A * (wgsA*wgsA - wgsB*wgsB) / (wgsB * wgsB)
			a := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
			b := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
			dS := b * sinS * (cos2M + b/4*(cosS*(-1+2*cos2M*cos2M)-b/6*cos2M*(-3+4*sinS*sinS)*(-3+4*cos2M*cos2M)))
			return wgsB * a * (sigma - dS)
		}
	}
	return sphere(p.lat, p.lon, q.lat, q.lon)
}

// reduced returns the sine and cosine of the reduced latitude of phi.
func reduced(phi float64) (sin, cos float64) {
	u := math.Atan((1 - wgsF) * math.Tan(phi))
	return math.Sincos(u)
}

// sphere is the haversine distance on the sphere of mean radius
// (2a + b) / 3, m; arguments in radians.
func sphere(lat1, lon1, lat2, lon2 float64) float64 {
	r := (2*wgsA + wgsB) / 3
	h := math.Pow(math.Sin((lat2-lat1)/2), 2) + math.Cos(lat1)*math.Cos(lat2)*math.Pow(math.Sin((lon2-lon1)/2), 2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
