// run

// Float keys: +0 and -0 are one key; NaN keys never equal anything.
package main

func main() {
	zero := 0.0
	nan := zero / zero
	m := map[float64]int{}
	for i := 0; i < 50; i++ {
		m[nan] = i
	}
	m[1.5] = 1
	m[0.0] = 2
	negz := -zero
	m[negz] = 3
	println(len(m), m[0], m[negz])
	_, ok := m[nan]
	println("nan found:", ok)
	delete(m, nan)
	println("after delete:", len(m))
	nans, sum := 0, 0
	for k, v := range m {
		if k != k {
			nans++
			sum += v
		}
	}
	println("nans:", nans, sum)
	// Many NaNs grow the map across tables.
	for i := 0; i < 3000; i++ {
		m[nan] = i
	}
	println(len(m))
	clear(m)
	println("cleared:", len(m))
	for k := range m {
		println("left", k)
	}

	f := map[float32]string{}
	f[float32(nan)] = "a"
	f[float32(nan)] = "b"
	f[float32(negz)] = "z"
	f[0] = "zero"
	println(len(f), f[0])

	type P struct {
		x float64
		s string
	}
	pm := map[P]int{}
	pm[P{nan, "a"}] = 1
	pm[P{nan, "a"}] = 2
	pm[P{negz, "b"}] = 3
	pm[P{0, "b"}]++
	println(len(pm), pm[P{0, "b"}])

	im := map[interface{}]int{}
	im[nan] = 1
	im[nan] = 2
	im[0.0] = 3
	im[negz] = 4
	println(len(im), im[0.0])
}
