package main

// Range over functions (iterators, Go 1.23): one- and two-value iterators,
// early break (yield returns false), continue, defer inside the loop body
// runs at function exit, return from inside the loop, nested iterators.

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				println("  stopped at", i)
				return
			}
		}
		println("  exhausted")
	}
}

func pairs(s []string) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func noVals(yield func() bool) {
	yield()
	yield()
}

func find(target int) int {
	for i := range count(10) {
		if i == target {
			return i * 100
		}
	}
	return -1
}

func withDefer() {
	for i := range count(3) {
		defer println("deferred", i)
	}
	println("withDefer body done")
}

func main() {
	for i := range count(3) {
		print(i, " ")
	}
	println()
	for i := range count(10) {
		if i == 2 {
			break
		}
		print(i, " ")
	}
	println()
	for i := range count(5) {
		if i%2 == 0 {
			continue
		}
		print(i, " ")
	}
	println()
	for i, s := range pairs([]string{"a", "b", "c"}) {
		print(i, s, " ")
	}
	println()
	n := 0
	for range noVals {
		n++
	}
	println(n)
	println(find(4), find(20))
	withDefer()
outer:
	for i := range count(3) {
		for j := range count(3) {
			if j == 1 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			print(i, j, " ")
		}
	}
	println()
	sum := 0
	for _, s := range pairs([]string{"xx", "yyy"}) {
		sum += len(s)
	}
	println(sum)
}
