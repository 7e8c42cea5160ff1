package main

import (
	"runtime"
	"time"
)

// runtime.GC lets the other goroutines run (Go parks its caller while the
// cycle marks and sweeps): a goroutine collecting in a loop does not hold
// the others back until it is preempted (GOROOT/test fixedbugs/issue30977).

var x, y [4]string

func main() {
	go func() {
		for {
			runtime.GC()
		}
	}()
	timeout := time.After(5 * time.Second)
	for i := 0; i < 1000; i++ {
		runtime.Gosched()
		x = [4]string{"a", "b", "c", "d"}
		y = x
		if x != y {
			panic("FAIL")
		}
		select {
		case <-timeout:
			println("starved by the collecting goroutine")
			return
		default:
		}
	}
	println("ok")
}
