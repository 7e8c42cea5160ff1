package main

// The same recursion in a goroutine: its stack, not the main one's,
// overflows.

func f(n int) int { return f(n+1) + 1 }

func main() {
	c := make(chan int)
	go func() { c <- f(0) }()
	println(<-c)
}
