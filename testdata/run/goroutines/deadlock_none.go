// GOTRACEBACK=none (deadlock_none.env): a deadlock (Go's fatal, a user
// throw) prints its message alone.
package main

func main() {
	c := make(chan int)
	go func() { <-c }()
	<-c
}
