package main

// Function values and closures: functions as values, captured variables
// shared by reference, counters, closures returning closures, per-iteration
// loop variables, calls through nil func values (not made here).

func apply(f func(int) int, x int) int { return f(x) }

func double(x int) int { return 2 * x }

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func adder(base int) func(int) func() int {
	return func(x int) func() int {
		return func() int { return base + x }
	}
}

func main() {
	println(apply(double, 21))
	c := counter()
	c()
	c()
	println(c())
	d := counter()
	println(d(), c())
	x := 10
	inc := func() { x++ }
	inc()
	inc()
	println(x)
	println(adder(100)(20)())
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	sq := func(v int) int { return v * v }
	println(apply(sq, 9), apply(func(v int) int { return v - 1 }, 0))
	var nf func()
	println(nf == nil)
}
