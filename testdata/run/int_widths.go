package main

// Integer arithmetic at every width, with wrap-around on overflow.

func main() {
	var i8 int8 = 127
	i8++
	println("int8", i8, i8-1, i8*2, -i8)
	var u8 uint8 = 255
	u8++
	println("uint8", u8, u8-1, u8+uint8(200)+uint8(100))
	var i16 int16 = 32767
	i16 += 2
	println("int16", i16, i16*i16)
	var u16 uint16 = 0
	u16--
	println("uint16", u16, u16*u16)
	var i32 int32 = 2147483647
	i32++
	println("int32", i32, -i32, i32*3)
	var u32 uint32 = 4000000000
	u32 += 500000000
	println("uint32", u32, u32*u32)
	var i64 int64 = 9223372036854775807
	i64++
	println("int64", i64, -i64, i64-1)
	var u64 uint64 = 0
	u64--
	println("uint64", u64, u64*3, u64/7)
	var i int = 1 << 62
	println("int", i*2, i*4)
	var u uint = 1 << 63
	println("uint", u*2, u+u-1)
	var up uintptr = 0
	up--
	println("uintptr", up)
	// mixed conversions
	x := 300
	println(int8(x), uint8(x), int16(-x), uint16(-x), uint32(-1*x), int64(int32(x<<24)))
	var b byte = 'a'
	println(b, b+1, b*3, rune(b)+0x10000)
	// bitwise ops
	a, c := uint8(0xF0), uint8(0x3C)
	println(a&c, a|c, a^c, a&^c, ^a)
	println(^0, ^int8(5), ^uint16(5), -1&0xFF)
}
