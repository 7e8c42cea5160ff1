package main

// Range over integers (Go 1.22): typed and untyped counts, zero and
// negative counts, the type of the iteration variable, modifying the
// variable in the body, ranging with no variable.

type Idx uint8

func main() {
	for i := range 5 {
		print(i, " ")
	}
	println()
	for range 3 {
		print("x")
	}
	println()
	n := 0
	for range n {
		println("never")
	}
	neg := -4
	for i := range neg {
		println("never", i)
	}
	var big int64 = 3
	for i := range big {
		var x int64 = i
		print(x, " ")
	}
	println()
	for i := range Idx(4) {
		var x Idx = i
		print(x, " ")
	}
	println()
	total := 0
	for i := range 10 {
		i *= 2 // does not affect the iteration
		total += i
	}
	println(total)
	var i int
	for i = range 4 {
	}
	println(i)
	count := 3
	for j := range count {
		count = 10 // the count is evaluated once
		print(j, " ")
	}
	println()
	var u8 uint8 = 255
	k := 0
	for range u8 {
		k++
	}
	println(k)
}
