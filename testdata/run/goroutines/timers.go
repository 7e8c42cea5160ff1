package main

import "time"

func main() {
	start := time.Now()
	_ = start
	time.Sleep(2 * time.Millisecond)
	println("slept")
	t := <-time.After(time.Millisecond)
	_ = t
	println("after")
	// A timeout in a select: the channel that is never ready loses.
	never := make(chan int)
	select {
	case <-never:
		println("never")
	case <-time.After(5 * time.Millisecond):
		println("timeout")
	}
	// A ready channel beats a long timeout.
	ready := make(chan int, 1)
	ready <- 1
	select {
	case v := <-ready:
		println("ready", v)
	case <-time.After(time.Hour):
		println("hour")
	}
	// Tick: a few ticks.
	tick := time.Tick(time.Millisecond)
	for i := 0; i < 3; i++ {
		<-tick
	}
	println("ticked 3")
	println("tick(0) nil:", time.Tick(0) == nil)
	// Sleeping goroutines.
	order := make(chan int, 3)
	for _, d := range []int{3, 1, 2} {
		go func() {
			time.Sleep(time.Duration(d) * time.Millisecond)
			order <- d
		}()
	}
	println(<-order + <-order + <-order)
	time.Sleep(0)
	time.Sleep(-1)
	println("done")
}
