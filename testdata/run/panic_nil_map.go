package main

// An unrecovered run-time error: assignment to an entry in a nil map.

type Registry struct {
	m map[string]int
}

func main() {
	var r Registry
	println(len(r.m), r.m["x"])
	r.m["x"] = 1
}
