package main

// Floating-point arithmetic and the way println prints floats; infinities,
// NaN comparisons, negative zero, float32 rounding, float/int conversions.

func main() {
	a, b := 1.0, 3.0
	println(a/b, a+b, a-b, a*b)
	println(1.5, -2.25, 0.0, 1e100, 1e-100, 123456789.0)
	var f32 float32 = 0.1
	println(f32, float64(f32), f32*3)
	zero := 0.0
	inf := 1 / zero
	ninf := -1 / zero
	nan := zero / zero
	println(inf, ninf, nan)
	println(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, ninf < -1e308)
	negz := -zero
	println(negz, negz == 0, 1/negz)
	g, h := 3.9, -3.9
	println(int(g), int(h), int64(1e18), uint8(255.0))
	f := 2.5
	println(int(f), int(-f), float32(1)/3)
	p1, p2 := 0.1, 0.2
	println(0.1+0.2, 0.1+0.2 == 0.3, p1+p2, p1+p2 == 0.3)
	const c = 0.1 + 0.2
	println(c == 0.3, c)
	var big float64 = 1 << 62
	println(big*4, big*big)
	println(float32(16777217), float64(float32(16777217)))
	var x float64 = 7
	var y float64 = 2
	println(x/y, -x/y)
	print(1.0, " ", 2.5, "\n")
}
