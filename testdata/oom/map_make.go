// make with a hint larger than the heap's hard limit (see map_grow.go).
package main

func main() {
	m := make(map[int]int, 10_000_000)
	println(len(m))
}
