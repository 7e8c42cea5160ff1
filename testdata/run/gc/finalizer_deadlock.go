// The finalizer goroutine, parked, does not hide a deadlock, and is not
// in the dump.

package main

import "runtime"

type T struct{ a, b, c, d int }

func main() {
	t := &T{}
	runtime.SetFinalizer(t, func(*T) { println("finalized") })
	runtime.GC()
	println("goroutines", runtime.NumGoroutine())
	runtime.KeepAlive(t)
	<-make(chan int)
}
