package main

// defer: LIFO order, arguments evaluated at defer time, deferred closures
// seeing later values, deferred calls modifying named results, defer in
// loops, deferred method values.

type T struct{ name string }

func (t T) show() { println("method", t.name) }

func namedResult() (r int) {
	defer func() { r *= 2 }()
	r = 5
	return r + 1
}

func returnsTwice() (s string) {
	defer func() { s += "!" }()
	defer func() { s += "?" }()
	return "x"
}

func loop() {
	for i := 0; i < 3; i++ {
		defer println("loop defer", i)
	}
	println("loop body done")
}

func main() {
	defer println("first deferred, runs last")
	x := 1
	defer println("arg evaluated at defer time:", x)
	defer func() { println("closure sees:", x) }()
	x = 2
	println(namedResult(), returnsTwice())
	loop()
	t := T{"a"}
	defer t.show()
	t.name = "b"
	f := func(s string) { println("func value", s) }
	defer f("c")
	f = func(s string) { println("replaced", s) }
	println("main end")
}
