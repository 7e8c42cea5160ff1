package main

// The print and println builtins: println separates operands with spaces
// and ends with a newline, print does neither; bools, nil values, integers
// of all widths, floats, complex numbers, strings; output goes to stderr.

type S string

func main() {
	println()
	println(true, false)
	println(1, -2, int8(-3), uint64(18446744073709551615), uintptr(7))
	println("a", "b", S("named"))
	print("no", "spaces", 1, 2, true, "\n")
	print(1.5, 2.0, "\n")
	println(1e21, 1e20, 123456.789, 1e-7, 0.000123)
	println(float32(1.1), float32(1e-10), float32(3.4e38))
	println(complex(1.5, -2), complex64(complex(0, 1)))
	var p *int
	var m map[int]int
	var s []int
	var e interface{}
	var err error
	var f func()
	var ch chan int
	println(p == nil, m == nil, s == nil, e == nil, err == nil, f == nil, ch == nil)
	println(p, len(s), cap(s))
	println(e, err)
	println('x', "x"[0], string(rune('x')))
	println(-0.0, 100.0, 1e6, 1e-6)
}
