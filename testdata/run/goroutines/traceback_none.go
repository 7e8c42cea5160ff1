// GOTRACEBACK=none (traceback_none.env): an unrecovered panic in main
// prints the panic message alone.
package main

import "time"

func worker(ready chan bool, c chan int) {
	ready <- true
	<-c
}

func main() {
	ready := make(chan bool)
	c := make(chan int)
	go worker(ready, c)
	go worker(ready, c)
	<-ready
	<-ready
	time.Sleep(10 * time.Millisecond)
	panic("boom")
}
