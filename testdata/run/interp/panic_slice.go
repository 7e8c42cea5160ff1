package main

// Slice bounds panics report Go's message.

func cut(s []int, lo, hi int) []int {
	return s[lo:hi]
}

func main() {
	s := make([]int, 3, 5)
	println(len(cut(s, 1, 5)))
	println(len(cut(s, 2, 1)))
}
