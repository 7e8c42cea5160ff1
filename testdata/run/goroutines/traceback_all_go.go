// GOTRACEBACK=all (traceback_all_go.env): a panic in a goroutine prints
// that goroutine first, then main and the others.
package main

import "time"

func blocked(c chan int) {
	<-c
}

func bad() {
	time.Sleep(10 * time.Millisecond)
	panic("in goroutine")
}

func main() {
	c := make(chan int)
	go blocked(c)
	go bad()
	<-c
}
