// A live set of about 6 MB and 60 MB of short-lived garbage: how many
// cycles GOGC and GOMEMLIMIT make (crates/cli/tests/pacing.rs).
package main

// sink makes the garbage escape (gc would otherwise keep it on the stack).
var sink *node

type node struct {
	next *node
	buf  [48]byte
}

func main() {
	// The live set: a list of 100,000 64-byte nodes.
	var live *node
	for i := 0; i < 100000; i++ {
		live = &node{next: live}
		live.buf[0] = byte(i)
	}
	// Garbage: a million nodes nobody keeps.
	sum := 0
	for i := 0; i < 1000000; i++ {
		g := &node{}
		g.buf[1] = byte(i)
		sink = g
		sum += int(sink.buf[1])
	}
	n := 0
	for p := live; p != nil; p = p.next {
		n++
	}
	println(n, sum)
}
