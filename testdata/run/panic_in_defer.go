package main

// A panic inside a call deferred by a function returning normally: the
// traceback goes through the deferring function.

func cleanup(n int) {
	if n == 0 {
		var m map[string]int
		m["x"] = 1
	}
}

func work(n int) int {
	defer cleanup(n)
	return n * 2
}

func main() {
	println(work(3))
	println(work(0))
}
