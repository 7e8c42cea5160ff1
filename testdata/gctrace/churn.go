// Allocates enough garbage for a few collections and forces one: the
// gctrace test compares the shape of the trace lines with gc's.
package main

import "runtime"

type node struct {
	next *node
	pad  [6]int
}

var sink *node

func main() {
	for i := 0; i < 1<<20; i++ {
		n := &node{next: sink}
		if i%100 == 0 {
			n.next = nil
		}
		sink = n
	}
	runtime.GC()
	println("done")
}
