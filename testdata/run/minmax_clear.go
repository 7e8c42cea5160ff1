package main

// The min, max and clear builtins (Go 1.21): mixed constant arguments,
// strings, floats with NaN and signed zeros, clearing maps and slices.

func main() {
	a, b, c := 3, -1, 7
	println(min(a, b, c), max(a, b, c), min(a), max(b, 2))
	println(min("b", "a", "c"), max("b", "a", "c"), min("", "x"))
	x, y := 1.5, -2.5
	println(min(x, y), max(x, y, 0))
	zero := 0.0
	nan := zero / zero
	println(min(x, nan), max(nan, x), min(1, nan) != min(1, nan))
	negz := -zero
	println(1/min(zero, negz), 1/max(negz, zero))
	const k = min(1, 2.5, 'a')
	println(k)
	var u8 uint8 = max(200, 100)
	println(u8, max(int8(-128), -100))
	m := map[string]int{"a": 1, "b": 2}
	clear(m)
	println(len(m), m["a"])
	m["c"] = 3
	println(len(m))
	s := []int{1, 2, 3, 4}
	t := s[1:3]
	clear(t)
	println(s[0], s[1], s[2], s[3], len(t))
	var nm map[int]int
	clear(nm)
	var ns []string
	clear(ns)
	println(nm == nil, ns == nil)
	ps := []*int{&a, &b}
	clear(ps)
	println(ps[0] == nil, ps[1] == nil, len(ps))
}
