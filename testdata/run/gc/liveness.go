package main

// Stack maps hold a variable only up to its last use (gc's liveness): an
// object only a dead variable points to is collected and its finalizer
// runs (GOROOT/test fixedbugs/issue46725, issue57823), while one still
// used later is not. The collections run in main itself, so that only
// main's frame holds the values.

import (
	"runtime"
	"unsafe"
)

type T struct {
	id  int
	pad [3]int // not a tiny allocation
}

type S struct {
	p *T
	n int
}

var fins = make(chan int, 10)

func mk(id int) *T {
	t := &T{id: id}
	runtime.SetFinalizer(t, func(t *T) { fins <- t.id })
	return t
}

//go:noinline
func id(p *T) *T { return p }

//go:noinline
func two(x []*T) ([]*T, []*T) { return x, x }

var sink int

func main() {
	// A pointer variable, dead after its last use; before that use, a
	// collection does not free it.
	p := mk(1)
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	select {
	case v := <-fins:
		println("early", v)
	default:
	}
	sink += p.id
	got := 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("pointer:", got)

	// Through a call's result, an array slot and an interface.
	s := [4]*T{mk(2)}
	var h, _ interface{} = two(s[:])
	sink += h.([]*T)[0].id
	got = 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("interface:", got)

	// A struct field, read in a loop.
	st := S{p: mk(3), n: 3}
	for i := 0; i < st.n; i++ {
		sink += st.p.id
	}
	got = 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("struct in loop:", got)

	// Used on one branch only.
	q := id(mk(4))
	if sink > 1000 {
		sink += q.id
	}
	got = 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("branch:", got)

	// The data of a slice, through unsafe.SliceData.
	b := make([]byte, 100)
	b[0] = 7
	one := unsafe.SliceData(b)
	runtime.SetFinalizer(one, func(*byte) { fins <- 5 })
	sink += int(*one)
	got = 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("slice data:", got)

	// runtime.KeepAlive keeps its operand to that point.
	k := mk(6)
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	select {
	case v := <-fins:
		println("early", v)
	default:
	}
	runtime.KeepAlive(k)
	got = 0
	for i := 0; i < 10 && got == 0; i++ {
		runtime.GC()
		select {
		case v := <-fins:
			got = v
		default:
		}
	}
	println("keepalive:", got)
}
