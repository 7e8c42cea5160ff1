// Frames are scanned through their stack maps: integers in a frame that
// hold the addresses of dead objects keep nothing alive, pointers do.
package main

import (
	"runtime"
	"unsafe"
)

type node struct {
	buf  [4000]byte
	next *node
}

func heapAlloc() uint64 {
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	return st.HeapAlloc
}

func work(depth int) int {
	// 1000 nodes (~4 MB) whose addresses only live in this frame as
	// integers, and 100 (~0.4 MB) kept through a pointer.
	var addrs [1000]uintptr
	for i := range addrs {
		n := new(node)
		n.buf[0] = byte(i)
		addrs[i] = uintptr(unsafe.Pointer(n))
	}
	var keep *node
	for i := 0; i < 100; i++ {
		keep = &node{next: keep}
		keep.buf[1] = 1
	}
	if depth > 0 {
		// Callers' frames are scanned at their call; their lists are
		// used after it.
		r := work(depth - 1)
		return r + count(keep)
	}
	runtime.GC()
	after := heapAlloc()
	println("dead nodes freed:", after < 3<<20)
	println("live nodes kept:", after > 1<<20)
	return count(keep) + int(addrs[0]&0)
}

func count(keep *node) int {
	n := 0
	for p := keep; p != nil; p = p.next {
		n += int(p.buf[1])
	}
	return n
}

func main() {
	// Three frames' worth: ~12 MB of integer-referenced nodes, ~1.2 MB live.
	println(work(2))
}
