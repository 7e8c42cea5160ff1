package main

// Deferred calls: last in, first out; arguments evaluated at the defer
// statement; closures see later changes; deferred calls in loops; deferred
// functions run while a panic unwinds, before the panic is reported.

func trace(s string, n int) { println("deferred", s, n) }

func order() {
	for i := 0; i < 3; i++ {
		defer trace("loop", i)
	}
	x := 1
	defer trace("arg", x)
	defer func() { println("closure sees", x) }()
	x = 2
	println("body done")
}

func named() (r int) {
	defer func() { r *= 10 }()
	r = 4
	return r + 1
}

func boom(n int) {
	defer trace("boom", n)
	if n == 0 {
		panic("bottom")
	}
	boom(n - 1)
}

func main() {
	order()
	println(named())
	boom(2)
}
