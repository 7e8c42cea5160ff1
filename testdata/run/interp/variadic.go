package main

// Variadic functions: no extra arguments, several, s..., through func
// values, in deferred calls, and multi-value calls spread over parameters.

func sum(base int, xs ...int) int {
	for _, x := range xs {
		base += x
	}
	return base + len(xs)*1000
}

func names(prefix string, ns ...string) string {
	s := prefix
	for _, n := range ns {
		s += n
	}
	return s
}

func two() (int, string) { return 7, "x" }

func show(n int, s string) { println(n, s) }

func three() (int, int, int) { return 1, 2, 3 }

func count(xs ...int) int { return len(xs) }

func main() {
	println(sum(1), sum(1, 2), sum(1, 2, 3))
	xs := []int{10, 20}
	println(sum(0, xs...))
	println(names("a"), names("a", "b", "c"))
	f := sum
	println(f(5, 5, 5))
	defer println(sum(0, 1, 1))
	show(two())
	println(count(three()), count())
}
