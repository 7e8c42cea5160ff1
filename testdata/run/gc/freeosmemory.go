// debug.FreeOSMemory returns freed heap pages to the OS.
package main

import (
	"runtime"
	"runtime/debug"
)

var big [][]byte

func main() {
	for i := 0; i < 64; i++ {
		big = append(big, make([]byte, 1<<20))
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	println("in use:", m.HeapInuse >= 64<<20)
	big = nil
	debug.FreeOSMemory()
	runtime.ReadMemStats(&m)
	println("released:", m.HeapReleased >= 32<<20)
	println("freed:", m.HeapInuse < 16<<20)
}
