package main

// Division and remainder with negative operands, MinInt / -1, unsigned
// division, and constant folding vs run-time results.

func div(a, b int64) (int64, int64) { return a / b, a % b }

func main() {
	for _, p := range [][2]int64{{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {1, 7}, {-1, 7}} {
		q, r := div(p[0], p[1])
		println(p[0], p[1], q, r)
	}
	var min64 int64 = -9223372036854775808
	var m1 int64 = -1
	println(min64/m1, min64%m1)
	var min8 int8 = -128
	var n1 int8 = -1
	println(min8/n1, min8%n1)
	var min32 int32 = -2147483648
	println(min32/int32(n1), min32%int32(n1))
	println(uint8(250)/7, uint8(250)%7, uint64(18446744073709551615)/10)
	println(-7/2, -7%2, 7%-2) // constants
	x := -9
	x /= 4
	println(x)
	x %= 2
	println(x)
	println(-5>>1, -5/2)
}
