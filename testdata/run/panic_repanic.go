package main

// A panic recovered and re-panicked with the same value, and a panic raised
// while another is in flight: the runtime prints the chain of panics.

func main() {
	defer func() {
		r := recover()
		panic(r)
	}()
	defer func() {
		panic("second")
	}()
	panic("first")
}
