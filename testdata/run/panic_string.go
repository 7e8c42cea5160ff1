package main

// An unrecovered panic with a string value: deferred calls run, then the
// runtime prints "panic: boom" and a goroutine traceback, and the program
// exits with status 2.

func main() {
	defer println("deferred runs before the crash")
	println("before")
	panic("boom")
}
