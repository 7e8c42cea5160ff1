package main

// Constants: iota patterns (skips, expressions, bit flags, per-spec reset,
// implicit repetition), typed constants, untyped constant arithmetic with
// arbitrary precision, folded results printed at run time.

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	_
	Thursday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
	TB
)

const (
	FlagA = 1 << iota
	FlagB
	FlagC
	FlagD
)

const (
	a, b = iota, iota * 10
	c, d
	e, f = "e", iota
)

const (
	x0 = iota * 1.5
	x1
	x2
)

const big = 1 << 100
const huge = big * big
const third = 1.0 / 3

type Color uint8

const (
	Red Color = iota + 1
	Green
	Blue = Green * 10
)

func main() {
	println(Sunday, Monday, Tuesday, Thursday)
	println(KB, MB, GB, TB)
	println(FlagA, FlagB, FlagC, FlagD, FlagA|FlagC)
	println(a, b, c, d, e, f)
	println(x0, x1, x2)
	println(big>>98, huge>>199, huge/big == big)
	println(third, third*3 == 1, float32(third))
	println(Red, Green, Blue)
	const r = 'a' + 1
	println(r, string(rune(r)))
	const s = "con" + "cat"
	println(s, len(s))
	const maxU64 = 1<<64 - 1
	var u uint64 = maxU64
	println(u, uint32(maxU64>>32))
	const f64 = 1e300 * 1e300 / 1e300
	println(f64)
	println(7/2, 7/2.0, 7.0/2, -7/2)
	const i8 int8 = -128
	println(i8, -(i8 + 1))
	println(len("héllo"), len([3]int{}))
	const bits = 64 - 1
	println(1<<bits - 1)
	var w Weekday = 3
	println(w == Tuesday+1)
}
