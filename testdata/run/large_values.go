package main

// Values larger than a frame may hold live in memory only: package
// variables, heap objects, slices of them.

var big [64 << 20]byte

type B struct {
	pad [32 << 20]int8
	x   int
}

func main() {
	big[len(big)-1] = 7
	p := &big
	println(p[len(p)-1], len(big))
	q := new(B)
	q.x = 3
	q.pad[5] = 2
	println(q.x, q.pad[5], q.pad[6])
	s := big[10:20]
	println(len(s), cap(s))
}
