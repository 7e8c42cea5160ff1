// Goroutine switches: the Benchmarks Game's thread-ring. 503 goroutines in
// a ring, each linked to the next by an unbuffered channel, pass a token
// (a counter) around; each decrements it and hands it on, and the one that
// receives 0 reports its id (1 to 503) to main.
package main

const (
	ring  = 503
	token = 5_000_000
)

func worker(id int, in <-chan int, out chan<- int, done chan<- int) {
	for {
		t := <-in
		if t == 0 {
			done <- id
			return
		}
		out <- t - 1
	}
}

func main() {
	done := make(chan int)
	first := make(chan int)
	in := first
	for id := 1; id <= ring; id++ {
		out := first
		if id < ring {
			out = make(chan int)
		}
		go worker(id, in, out, done)
		in = out
	}
	first <- token
	println(<-done)
}
