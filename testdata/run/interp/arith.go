package main

// Integer arithmetic as Go defines it: wrapping at every width, division
// truncating toward zero (also by constant powers of two), shifts by large
// counts, and conversions between widths and to and from floats.

func divs(x int) (int, int, int, int) {
	return x / 2, x / 8, x % 8, x / 3
}

func main() {
	for _, x := range []int{-17, -16, -1, 0, 1, 15, 16, 17} {
		a, b, c, d := divs(x)
		println(x, a, b, c, d)
	}
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	var i16 int16 = -32768
	i16 = -i16
	var u32 uint32 = 1 << 31
	u32 *= 2
	println(i8, u8, i16, u32)
	x := int64(-9223372036854775808)
	println(x/-1, x%-1, -x)
	s := uint(70)
	println(1<<s, int64(-8)>>s, uint64(1)<<63>>s)
	f := 3.99
	println(int(f), int(-f), uint8(int(f)*100), float32(f), float64(int32(-7)))
	println(^0, 5&^3, 6|1, 6^3, -7/2, -7%2, 7>>1, -7>>1)
}
