// Garbage is collected: allocating far more than the live set keeps the
// heap small, and the statistics stay consistent.
package main

import "runtime"

type node struct {
	next *node
	val  int
	pad  [12]int
}

var sink *node

func main() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	gc0 := m.NumGC
	// 400 MB of short-lived nodes, 128 bytes each; at most 1000 live.
	for i := 0; i < 400<<20/128; i++ {
		n := &node{val: i}
		if i%1000 == 0 {
			sink = nil
		}
		n.next = sink
		sink = n
	}
	runtime.ReadMemStats(&m)
	println("collected:", m.NumGC > gc0)
	println("heap small:", m.HeapAlloc < 64<<20)
	println("total counted:", m.TotalAlloc >= 300<<20)
	println("objects = mallocs - frees:", m.HeapObjects == m.Mallocs-m.Frees)
	println("frees counted:", m.Frees > 1000000)
	println("inuse <= sys:", m.HeapInuse <= m.HeapSys, m.HeapIdle <= m.HeapSys)
	println("alloc = heap alloc:", m.Alloc == m.HeapAlloc)
	println("next gc set:", m.NextGC > 0)
	n := 0
	for p := sink; p != nil; p = p.next {
		n++
	}
	println("live list:", n)
}
