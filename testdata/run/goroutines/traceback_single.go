// GOTRACEBACK unset (single): an unrecovered panic in main
// prints main's goroutine alone.
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
