package main

// An index out of range in a called function: message and traceback.

func at(s []int, i int) int {
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	println(at(s, 2))
	println(at(s, 5))
}
