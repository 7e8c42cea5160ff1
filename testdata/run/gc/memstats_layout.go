// The layout of runtime.MemStats as gc lays it out: rgo's runtime writes
// these offsets.
package main

import (
	"runtime"
	"unsafe"
)

func main() {
	var m runtime.MemStats
	println(unsafe.Offsetof(m.Alloc), unsafe.Offsetof(m.HeapObjects), unsafe.Offsetof(m.OtherSys))
	println(unsafe.Offsetof(m.NextGC), unsafe.Offsetof(m.LastGC), unsafe.Offsetof(m.PauseTotalNs))
	println(unsafe.Offsetof(m.PauseNs), unsafe.Offsetof(m.PauseEnd), unsafe.Offsetof(m.NumGC))
	println(unsafe.Offsetof(m.NumForcedGC), unsafe.Offsetof(m.GCCPUFraction), unsafe.Offsetof(m.EnableGC))
	println(unsafe.Offsetof(m.DebugGC), unsafe.Offsetof(m.BySize), unsafe.Sizeof(m), len(m.BySize))
}
