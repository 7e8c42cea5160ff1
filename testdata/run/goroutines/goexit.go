package main

import "runtime"

func worker(done chan int) {
	defer func() {
		println("deferred in worker, recover:", recover() == nil)
		done <- 1
	}()
	defer println("second defer")
	helper()
	println("not reached")
}

func helper() {
	defer println("helper defer")
	runtime.Goexit()
	println("not reached either")
}

func main() {
	println("goroutines at start:", runtime.NumGoroutine())
	done := make(chan int)
	go worker(done)
	<-done
	// The worker has finished its deferred calls; wait for it to end.
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	println("goroutines after:", runtime.NumGoroutine())

	block := make(chan int)
	started := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			started <- 1
			<-block
		}()
	}
	for i := 0; i < 3; i++ {
		<-started
	}
	println("goroutines blocked:", runtime.NumGoroutine())
	close(block)
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	println("goroutines end:", runtime.NumGoroutine())
	println("GOMAXPROCS positive:", runtime.GOMAXPROCS(0) > 0)
	runtime.Gosched()
	println("done")
}
