package main

// A store into a nil map panics (not a runtime.Error message).

func main() {
	var m map[int]bool
	println(len(m))
	m[3] = true
}
