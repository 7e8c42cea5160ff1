package main

// The concurrent prime sieve from the Go tour.

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

type result struct {
	id, sum int
}

func worker(id int, jobs <-chan int, results chan<- result) {
	for j := range jobs {
		s := 0
		for k := 1; k <= j; k++ {
			s += k
		}
		results <- result{id, s}
	}
}

func Map[T, U any](in <-chan T, f func(T) U) <-chan U {
	out := make(chan U)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

func From[T any](xs ...T) <-chan T {
	out := make(chan T, len(xs))
	for _, x := range xs {
		out <- x
	}
	close(out)
	return out
}

func main() {
	ch := make(chan int)
	go generate(ch)
	for i := 0; i < 25; i++ {
		prime := <-ch
		print(prime, " ")
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	println()

	// A worker pool; results summed (order-independent).
	jobs := make(chan int, 100)
	results := make(chan result, 100)
	for w := 1; w <= 4; w++ {
		go worker(w, jobs, results)
	}
	for j := 1; j <= 50; j++ {
		jobs <- j
	}
	close(jobs)
	total := 0
	for a := 1; a <= 50; a++ {
		r := <-results
		total += r.sum
	}
	println("total", total)

	// Generic pipelines.
	for s := range Map(From("a", "bb", "ccc"), func(s string) int { return len(s) }) {
		println(s)
	}
	for s := range Map(Map(From(1, 2, 3), func(i int) int { return i * i }), func(i int) string {
		return string(rune('a' + i))
	}) {
		println(s)
	}
}
