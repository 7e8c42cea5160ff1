// Many blocked goroutines: the memory of 100,000 goroutine stacks. Each
// goroutine signals that it has started, then blocks receiving on one
// shared channel; once all have started main closes the channel, releasing
// them all, and waits for each to report its id. Prints the count and the
// sum of the ids.
package main

const n = 100_000

func main() {
	ready := make(chan bool)
	release := make(chan bool)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			ready <- true
			<-release
			done <- i
		}()
	}
	for i := 0; i < n; i++ {
		<-ready
	}
	close(release)
	count, sum := 0, 0
	for i := 0; i < n; i++ {
		sum += <-done
		count++
	}
	println(count, sum)
}
