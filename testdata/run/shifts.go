package main

// Shifts of signed and unsigned values, large shift counts, shift counts of
// various types.

func main() {
	var i8 int8 = -128
	println(i8>>1, i8>>7, i8>>8, i8>>100, i8<<1)
	var x int = -17
	println(x>>1, x>>2, x>>63, x>>64, x<<3)
	var u uint = 1
	for _, s := range []uint{0, 1, 31, 32, 63, 64, 65, 200} {
		println(s, u<<s, int64(1)<<s, uint32(1)<<s, int32(-1)>>s)
	}
	var n int8 = 3
	println(100>>n, uint64(0xFFFF)>>uint16(n))
	var big uint64 = 0x8000000000000000
	println(big>>63, int64(big)>>63, big<<1)
	var s int = 70
	println(1<<s == 0, int32(1)<<(s-40))
	var neg int = -1
	defer func() {
		r := recover()
		println("recovered:", r.(error).Error())
	}()
	println(1 << neg)
}
