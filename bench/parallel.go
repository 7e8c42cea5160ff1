// Parallel speed-up: a CPU-bound computation (the total of the Collatz
// stopping times of 1..N) split into 8 equal ranges, one goroutine each,
// which send their partial sums to main over a channel. The total does not
// depend on the order the partial sums arrive in. Run it at GOMAXPROCS=1
// and GOMAXPROCS=2 to compare (`cargo xtask bench --filter parallel
// --gomaxprocs 1,2`).
package main

const (
	n       = 3_000_000
	workers = 8
)

// steps is the number of Collatz steps from x down to 1.
func steps(x int) int {
	s := 0
	for x != 1 {
		if x%2 == 0 {
			x /= 2
		} else {
			x = 3*x + 1
		}
		s++
	}
	return s
}

func work(lo, hi int, out chan<- int) {
	sum := 0
	for x := lo; x < hi; x++ {
		sum += steps(x)
	}
	out <- sum
}

func main() {
	out := make(chan int)
	chunk := n / workers
	for w := 0; w < workers; w++ {
		lo, hi := 1+w*chunk, 1+(w+1)*chunk
		go work(lo, hi, out)
	}
	total := 0
	for w := 0; w < workers; w++ {
		total += <-out
	}
	println(total)
}
