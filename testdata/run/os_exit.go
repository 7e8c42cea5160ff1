package main

import "os"

// os.Exit ends the program at once with the given status: deferred calls do
// not run.

func main() {
	defer println("never printed")
	println("exiting")
	func() {
		defer println("also never printed")
		os.Exit(3)
	}()
	println("not reached")
}
