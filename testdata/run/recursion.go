package main

// Function types and recursion: fib, Ackermann, mutual recursion, functions
// as values in maps and slices, higher-order functions, variadic functions.

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func ack(m, n int) int {
	switch {
	case m == 0:
		return n + 1
	case n == 0:
		return ack(m-1, 1)
	}
	return ack(m-1, ack(m, n-1))
}

func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

type BinOp func(int, int) int

func fold(op BinOp, init int, xs ...int) int {
	for _, x := range xs {
		init = op(init, x)
	}
	return init
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func hanoi(n int, from, to, via string, moves *int) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to, moves)
	*moves++
	hanoi(n-1, via, to, from, moves)
}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func main() {
	for i := 0; i <= 25; i += 5 {
		print(fib(i), " ")
	}
	println()
	println(ack(2, 3), ack(3, 3), ack(3, 5))
	println(even(10), odd(7), even(7))
	ops := map[string]BinOp{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	println(fold(ops["add"], 0, 1, 2, 3, 4), fold(ops["mul"], 1, 1, 2, 3, 4), fold(ops["add"], 9))
	inc := func(x int) int { return x + 1 }
	dbl := func(x int) int { return x * 2 }
	println(compose(inc, dbl)(5), compose(dbl, inc)(5))
	moves := 0
	hanoi(10, "a", "c", "b", &moves)
	println(moves)
	println(depth(100000))
	var nilF func()
	println(nilF == nil)
}
