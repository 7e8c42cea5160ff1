package main

// Numeric conversions at run time: truncation and sign extension between
// integer widths, float to integer truncation toward zero, integer to float
// rounding, float32 rounding, and named types.

type Age uint8

func main() {
	vals := []int64{0, 1, -1, 127, 128, 255, 256, -129, 65535, 65536, 1 << 31, 1<<32 + 5, -1 << 63}
	for _, v := range vals {
		println(v, int8(v), uint8(v), int16(v), uint16(v), int32(v), uint32(v), uint64(v))
	}
	fs := []float64{0.5, -0.5, 1.9999, -1.9999, 1e10, -1e10, 2147483648.5}
	for _, f := range fs {
		println(int64(f), int32(int64(f)), float32(f))
	}
	var big int64 = 1<<53 + 1
	println(float64(big), int64(float64(big)), float32(big))
	var u64 uint64 = 1<<64 - 1
	println(float64(u64), float32(u64))
	var a Age = 250
	a += 10
	println(a, int(a), Age(int(a)+300))
	var r rune = 'é'
	println(byte(r), r, int8(r))
	println(float64(int32(-7))/2, int(float32(0.1)*10))
	var f32 float32 = 16777216
	f32++
	println(f32)
}
