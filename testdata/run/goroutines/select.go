package main

func main() {
	// default when nothing is ready.
	c := make(chan int, 1)
	select {
	case v := <-c:
		println("recv", v)
	default:
		println("default")
	}
	// A send case that can proceed.
	select {
	case c <- 7:
		println("sent")
	default:
		println("default")
	}
	// A receive case that can proceed.
	select {
	case v, ok := <-c:
		println("recv", v, ok)
	default:
		println("default")
	}
	// nil channels are never ready.
	var nilc chan int
	select {
	case nilc <- 1:
		println("nil send")
	case <-nilc:
		println("nil recv")
	default:
		println("nil default")
	}
	// A closed channel is always ready.
	close(c)
	select {
	case v, ok := <-c:
		println("closed", v, ok)
	}
	// Blocking select with one ready among nil channels.
	d := make(chan string)
	go func() { d <- "from goroutine" }()
	select {
	case <-nilc:
		println("no")
	case s := <-d:
		println(s)
	}
	// Break out of a select; loop with labelled break.
	e := make(chan int, 3)
	e <- 1
	e <- 2
	e <- 3
	n := 0
loop:
	for {
		select {
		case v := <-e:
			if v == 2 {
				n += 100
				break
			}
			n += v
		default:
			break loop
		}
	}
	println("n", n)
	// Evaluation order: channel and value operands once, in source order.
	f := make(chan int, 1)
	order := func(s string, v int) int {
		println("eval", s)
		return v
	}
	chanOf := func(s string, ch chan int) chan int {
		println("eval", s)
		return ch
	}
	select {
	case chanOf("a", nilc) <- order("b", 1):
		println("a")
	case <-chanOf("c", nilc):
		println("c")
	case chanOf("d", f) <- order("e", 5):
		println("d")
	}
	println(<-f)
	// Assignment to existing variables and fields.
	g := make(chan int, 2)
	g <- 11
	g <- 12
	var x int
	var ok bool
	type S struct{ a, b int }
	var s S
	select {
	case x, ok = <-g:
	}
	select {
	case s.b = <-g:
	}
	println(x, ok, s.b)
	var i any
	g <- 13
	select {
	case i = <-g:
	}
	println(i.(int))
	// Fairness: both ready cases are chosen over many rounds, and the
	// totals always add up.
	h1 := make(chan int, 100)
	h2 := make(chan int, 100)
	for k := 0; k < 100; k++ {
		h1 <- 1
		h2 <- 2
	}
	total, c1, c2 := 0, 0, 0
	for k := 0; k < 200; k++ {
		select {
		case v := <-h1:
			total += v
			c1++
		case v := <-h2:
			total += v
			c2++
		}
	}
	println("total", total, c1+c2, c1 > 0, c2 > 0)
	// A select sending and receiving in a loop with a worker.
	work := make(chan int)
	results := make(chan int)
	go func() {
		for w := range work {
			results <- w * 10
		}
		close(results)
	}()
	pending := []int{1, 2, 3, 4}
	got := 0
	for len(pending) > 0 || got < 4 {
		var out chan int
		next := 0
		if len(pending) > 0 {
			out = work
			next = pending[0]
		}
		select {
		case out <- next:
			pending = pending[1:]
		case r := <-results:
			got++
			println("result", r)
		}
	}
	close(work)
	_, ok = <-results
	println("results closed", !ok)
	// Empty select with only default.
	select {
	default:
		println("only default")
	}
	// Zero-size values through select.
	z := make(chan struct{}, 1)
	select {
	case z <- struct{}{}:
		println("z sent")
	}
	select {
	case _, ok := <-z:
		println("z recv", ok)
	}
}
