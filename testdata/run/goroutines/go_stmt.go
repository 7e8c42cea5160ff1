package main

import "runtime"

type T struct{ name string }

func (t T) Hello(done chan<- string, n int) { done <- t.name + " value " + itoa(n) }
func (t *T) PtrHello(done chan<- string)     { done <- t.name + " pointer" }

type Greeter interface{ Greet(chan<- string) }

func (t T) Greet(done chan<- string) { done <- "greet " + t.name }

type Outer struct {
	T
	extra int
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

func sum(done chan<- int, xs ...int) {
	t := 0
	for _, x := range xs {
		t += x
	}
	done <- t
}

func pair() (int, int) { return 3, 4 }

var addc = make(chan int)

func add(a, b int) { addc <- a + b }

func main() {
	done := make(chan string)
	// A plain function call.
	t := T{"t"}
	go t.Hello(done, 1)
	println(<-done)
	// Pointer method through an addressable value.
	go t.PtrHello(done)
	println(<-done)
	// Interface method.
	var g Greeter = T{"iface"}
	go g.Greet(done)
	println(<-done)
	// Promoted method.
	o := Outer{T{"outer"}, 1}
	go o.Hello(done, 2)
	println(<-done)
	// Method value.
	f := t.Hello
	go f(done, 3)
	println(<-done)
	// Method expression.
	go T.Hello(t, done, 4)
	println(<-done)
	// Closures, with arguments evaluated at the go statement.
	ic := make(chan int)
	x := 10
	go func(v int) {
		ic <- v
	}(x)
	x = 20
	println(<-ic, x)
	// A closure capturing variables by reference.
	go func() {
		x++
		ic <- x
	}()
	println(<-ic)
	// Loop variables are per iteration (Go 1.22).
	res := make(chan int, 5)
	for i := 0; i < 5; i++ {
		go func() { res <- i * i }()
	}
	total := 0
	for i := 0; i < 5; i++ {
		total += <-res
	}
	println("total", total)
	// Variadic calls.
	go sum(res, 1, 2, 3)
	println(<-res)
	go sum(res, []int{4, 5}...)
	println(<-res)
	go sum(res)
	println(<-res)
	// Multi-value call as arguments.
	go add(pair())
	println(<-addc)
	// Builtins.
	sync := make(chan bool)
	go println("from println", 1, true)
	// Wait for every goroutine started so far to end.
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	go func() {
		sync <- true
	}()
	<-sync
	cl := make(chan int)
	go close(cl)
	_, ok := <-cl
	println("closed by go close:", !ok)
	// Many goroutines, fan-in.
	const N = 100
	out := make(chan int)
	for i := 0; i < N; i++ {
		go func(k int) { out <- k }(i)
	}
	s := 0
	for i := 0; i < N; i++ {
		s += <-out
	}
	println("fan-in", s)
	// A chain of goroutines passing a value along.
	first := make(chan int)
	prev := first
	for i := 0; i < 50; i++ {
		next := make(chan int)
		go func(in, out chan int) { out <- 1 + <-in }(prev, next)
		prev = next
	}
	first <- 0
	println("chain", <-prev)
	// A function value held in a variable, re-assigned after go.
	fv := func(c chan int) { c <- 1 }
	go fv(ic)
	fv = func(c chan int) { c <- 2 }
	println(<-ic)
	// Nested goroutines.
	go func() {
		go func() {
			ic <- 99
		}()
	}()
	println(<-ic)
}
