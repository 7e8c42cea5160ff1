package main

import "runtime"

// A value copied out of a temporary (a receive, a multi-value call's
// result) and then dropped is garbage: neither the temporary nor a stale
// word in a callee's frame header keeps it alive (GOROOT/test
// fixedbugs/issue15281).

func inuse() int64 {
	runtime.GC()
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	return int64(st.Alloc)
}

func check(what string, x []byte, start int64) {
	if delta := inuse() - start; delta > 1<<20 {
		println(what, "not freed:", delta)
		println(x)
	} else {
		println(what, "freed")
	}
}

func big() ([]byte, bool) { return make([]byte, 10<<20), true }

func rangeRecv(c chan []byte, start int64) {
	for x := range c {
		if delta := inuse() - start; delta < 9<<20 {
			println("range: not allocated", delta)
			println(x)
		}
		x = nil
		check("range", x, start)
	}
}

func recvOk(c chan []byte, start int64) {
	for {
		x, ok := <-c
		if !ok {
			break
		}
		if delta := inuse() - start; delta < 9<<20 {
			println("recv ok: not allocated", delta)
			println(x)
		}
		x = nil
		check("recv ok", x, start)
	}
}

func assignOk(c chan []byte, start int64) {
	var x []byte
	var ok bool
	x, ok = <-c
	if delta := inuse() - start; delta < 9<<20 || !ok {
		println("assign ok: not allocated", delta)
		println(x)
	}
	x = nil
	check("assign ok", x, start)
}

func callPair(start int64) {
	x, ok := big()
	if delta := inuse() - start; delta < 9<<20 || !ok {
		println("call: not allocated", delta)
		println(x)
	}
	x = nil
	check("call", x, start)
}

func main() {
	{
		x := inuse()
		c := make(chan []byte, 10)
		c <- make([]byte, 10<<20)
		close(c)
		rangeRecv(c, x)
	}
	{
		x := inuse()
		c := make(chan []byte, 10)
		c <- make([]byte, 10<<20)
		close(c)
		recvOk(c, x)
	}
	{
		x := inuse()
		c := make(chan []byte, 10)
		c <- make([]byte, 10<<20)
		close(c)
		assignOk(c, x)
	}
	// Through a func value.
	for _, f := range []func(chan []byte, int64){rangeRecv, recvOk, assignOk} {
		x := inuse()
		c := make(chan []byte, 10)
		c <- make([]byte, 10<<20)
		close(c)
		f(c, x)
	}
	callPair(inuse())
}
