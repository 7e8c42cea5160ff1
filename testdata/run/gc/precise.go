// The heap is scanned precisely: words that only look like pointers
// (uintptrs, integers in pointer-free memory, string bytes) keep nothing
// alive, while real pointers in the same objects do.
package main

import (
	"runtime"
	"unsafe"
)

type node struct {
	buf  [1000]byte
	next *node
}

type mixed struct {
	addr uintptr // looks like a pointer, is not one
	keep *node   // a pointer
	n    int
}

// Package variables are scanned precisely too.
var (
	gaddrs [2000]uintptr
	gkeep  [100]*node
)

func fill(addrs []uintptr, ms []mixed, m map[int]uintptr) {
	for i := range gaddrs {
		gaddrs[i] = uintptr(unsafe.Pointer(new(node)))
	}
	for i := range gkeep {
		gkeep[i] = &node{}
		gkeep[i].buf[2] = byte(i)
	}
	for i := 0; i < 2000; i++ {
		m[i] = uintptr(unsafe.Pointer(new(node)))
	}
	for i := range addrs {
		n := new(node)
		n.buf[0] = byte(i)
		addrs[i] = uintptr(unsafe.Pointer(n))
	}
	for i := range ms {
		ms[i].addr = uintptr(unsafe.Pointer(new(node)))
		ms[i].keep = &node{}
		ms[i].keep.buf[1] = byte(i)
		ms[i].n = i
	}
}

func heapAlloc() uint64 {
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	return st.HeapAlloc
}

func main() {
	addrs := make([]uintptr, 10000)
	ms := make([]mixed, 2000)
	m := make(map[int]uintptr)
	fill(addrs, ms, m)
	runtime.GC()
	after := heapAlloc()
	// Live: the two slices (80 KB + 48 KB), the map (~40 KB) and 2100
	// kept nodes (~2.4 MB); the 16000 unreferenced nodes (~18 MB) are gone.
	println("freed the unreferenced nodes:", after < 4<<20)
	println("kept the referenced nodes:", after > 2<<20)
	sum := 0
	for i := range ms {
		sum += int(ms[i].keep.buf[1]) + ms[i].n
	}
	for i := range gkeep {
		sum += int(gkeep[i].buf[2])
	}
	println(sum)
	runtime.KeepAlive(addrs)
	runtime.KeepAlive(m)
}
