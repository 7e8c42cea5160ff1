// Numeric edge cases: float printing, conversions, wrapping, constant quirks (MinInt64 / -1), runtime errors.
package main



func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				println(name, "->", e.Error())
			} else {
				println(name, "-> value")
			}
		}
	}()
	f()
}

func main() {
	zero := 0.0
	inf := 1 / zero
	nan := zero / zero
	println(1.0, 0.5, 1e21, 1e20, 123456789.0, 1e-7, float32(1.1), inf, -inf, nan)
	println(complex(1, -2), complex64(complex(0.5, 3)))
	println(-0.0, 1/-inf, 1.7976931348623157e308, 4.9406564584124654e-324)
	var big = 1e300
	println(int64(big) == (-1 << 63), uint8(257 % 256), string(rune(-1)), string(rune(0x10FFFF+1)) == "\uFFFD")
	s := ""
	for i := 0; i < 5; i++ {
		s += string(rune('a' + i))
	}
	println(s, len(s))
	switch s {
	case "abcde":
		println("match")
	case "x":
		println("no")
	}
	try("neg shift", func() {
		n := -1
		println(1 << n)
	})
	try("unhashable", func() {
		m := map[any]int{}
		m[[]int{1}] = 1
	})
	try("cmp", func() {
		var a, b any = []int{1}, []int{1}
		println(a == b)
	})
	try("nil map write", func() {
		var m map[string]int
		m["a"] = 1
	})
	try("slice3", func() {
		s := make([]int, 2, 4)
		i, j, k := 1, 3, 5
		_ = s[i:j:k]
	})
	try("conv", func() {
		var x any = 3
		_ = x.(string)
	})
	try("conv iface", func() {
		var x any = 3
		_ = x.(interface{ M() })
	})
	try("string idx", func() {
		i := 10
		_ = "abc"[i]
	})
	try("array idx", func() {
		var a [3]int
		i := -1
		_ = a[i+0]
	})
	try("div", func() {
		var a, b int8 = -128, -1
		println(a / b)
	})
	x := 9223372036854775807
	x++
	println(x, (-1 << 63) / -1)
	var u8 uint8 = 200
	println(u8+100, u8*2, -u8, ^u8)
	println(-3.0, 2.0, 3.0)
}
