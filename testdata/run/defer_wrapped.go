package main

import (
	"runtime"
	"time"
)

// `defer` and `go` of calls without a function value: built-ins (copy,
// clear, recover) and the standard library functions rgo compiles to
// instructions. The operands are evaluated at the statement.

func copyLater(s []int) {
	c := make(chan []int, 1)
	c <- []int{1, 2}
	defer copy(s, <-c)
	println("before", s[0], s[1])
}

func clearLater(m map[string]int, s []int) {
	defer clear(m)
	defer clear(s[1:])
	println("in", len(m), s[1])
}

var procs int

func deferRecover() (ok bool) {
	defer func() {
		ok = recover() != nil
	}()
	defer recover() // called by the defer machinery: returns nil
	panic("p")
}

func generic[T any](dst, src []T) {
	defer copy(dst, src)
	src = nil
}

func main() {
	s := make([]int, 2)
	copyLater(s)
	println("after", s[0], s[1])

	m := map[string]int{"a": 1}
	t := []int{1, 2, 3}
	clearLater(m, t)
	println("out", len(m), t[0], t[1], t[2])

	println("recovered", deferRecover())

	d := []string{"x", "y"}
	generic(d, []string{"p", "q"})
	println(d[0], d[1])

	func() {
		defer runtime.GC()
		defer runtime.Gosched()
		defer time.Sleep(time.Millisecond)
		n := runtime.GOMAXPROCS(0)
		defer runtime.GOMAXPROCS(n)
		println("deferred runtime calls")
	}()

	go runtime.Gosched()
	go runtime.GC()
	go copy(s, []int{5, 6})
	for s[1] != 6 {
		runtime.Gosched()
	}
	println("go'd copy", s[0], s[1])
}
