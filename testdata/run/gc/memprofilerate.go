package main

import "runtime"

// runtime.MemProfileRate, a variable of package runtime: rgo has no
// memory profiler, so it is a plain variable, 0 at start as in Go when
// runtime.MemProfile is not reached (GOROOT/test chan/select2.go).

func main() {
	println(runtime.MemProfileRate)
	runtime.MemProfileRate = 0
	println(runtime.MemProfileRate)
	p := &runtime.MemProfileRate
	*p = 4096
	println(runtime.MemProfileRate, *p)
	runtime.MemProfileRate += 1
	runtime.MemProfileRate++
	println(runtime.MemProfileRate, runtime.MemProfileRate == 4098)
	done := make(chan int)
	go func() { done <- runtime.MemProfileRate }()
	println(<-done)
}
