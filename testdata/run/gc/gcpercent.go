// GOGC through debug.SetGCPercent: off stops collections, on restarts
// them; runtime.GC is counted as forced.
package main

import (
	"runtime"
	"runtime/debug"
)

var sink []byte

func churn(mb int) {
	for i := 0; i < mb<<20/4096; i++ {
		sink = make([]byte, 4096)
	}
}

func main() {
	var m runtime.MemStats
	old := debug.SetGCPercent(-1)
	println("default percent:", old)
	runtime.ReadMemStats(&m)
	n0 := m.NumGC
	churn(64)
	runtime.ReadMemStats(&m)
	println("no collection while off:", m.NumGC == n0)
	println("back:", debug.SetGCPercent(100))
	churn(64)
	runtime.ReadMemStats(&m)
	println("collections when on:", m.NumGC > n0)
	f0 := m.NumForcedGC
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	println("forced:", m.NumForcedGC-f0)
	println("limit:", debug.SetMemoryLimit(1<<30) == 1<<63-1, debug.SetMemoryLimit(-1))
}
