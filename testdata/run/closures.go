package main

// Closures: capture by reference, counters with independent state,
// per-iteration loop variables (Go 1.22 semantics) for 3-clause and range
// loops, closures modifying captured variables, recursive closures.

func makeCounter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 100 }
}

func main() {
	next, reset := makeCounter()
	println(next(), next(), next())
	reset()
	println(next())
	other, _ := makeCounter()
	println(other(), next())
	x := 1
	inc := func() { x++ }
	inc()
	inc()
	println(x)
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	fs = nil
	for _, v := range []int{10, 20, 30} {
		fs = append(fs, func() int { return v })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	var ps []*int
	for i := 0; i < 3; i++ {
		ps = append(ps, &i)
	}
	println(*ps[0], *ps[1], *ps[2])
	// modifying the loop variable inside the body affects this iteration only
	for i := 0; i < 5; i++ {
		f := func() { i++ }
		f()
		print(i, " ")
	}
	println()
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	println(fib(20))
	adders := make([]func(int) int, 0)
	for _, k := range []int{1, 10, 100} {
		adders = append(adders, func(v int) int { return v + k })
	}
	println(adders[0](1), adders[1](1), adders[2](1))
	acc := func() func(int) int {
		sum := 0
		return func(v int) int { sum += v; return sum }
	}()
	acc(5)
	println(acc(6))
	y := 10
	func() {
		y := 20
		_ = y
	}()
	func() { y = 30 }()
	println(y)
}
