// Finalizers: runtime.SetFinalizer, the finalizer goroutine, runtime.KeepAlive.

package main

import (
	"runtime"
	"time"
)

type T struct {
	id   int
	next *T
	pad  [3]int // not a tiny allocation
}

func (t *T) ID() int { return t.id }

type IDer interface{ ID() int }

// Finalizers report here.
var fins = make(chan int, 100)

func report(t *T) { fins <- t.id }

// mk makes an object whose finalizer reports its id.
func mk(id int) *T {
	t := &T{id: id}
	runtime.SetFinalizer(t, report)
	return t
}

// drop makes n objects with finalizers (ids from base) and keeps none.
func drop(base, n int) {
	for i := 0; i < n; i++ {
		mk(base + i)
	}
}

// wait collects until n finalizers have reported (or gives up), and
// returns their ids in increasing order.
func wait(n int) []int {
	var got []int
	for try := 0; try < 2000 && len(got) < n; try++ {
		runtime.GC()
		for more := true; more; {
			select {
			case id := <-fins:
				got = append(got, id)
			default:
				more = false
			}
		}
		if len(got) < n {
			time.Sleep(time.Millisecond)
		}
	}
	for i := 1; i < len(got); i++ {
		for j := i; j > 0 && got[j] < got[j-1]; j-- {
			got[j], got[j-1] = got[j-1], got[j]
		}
	}
	return got
}

// quiet collects a few times and returns what reported meanwhile.
func quiet() []int {
	var got []int
	for try := 0; try < 5; try++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
		for more := true; more; {
			select {
			case id := <-fins:
				got = append(got, id)
			default:
				more = false
			}
		}
	}
	return got
}

func show(what string, ids []int) {
	print(what, ":")
	for _, id := range ids {
		print(" ", id)
	}
	println()
}

var keep *T
var saved *T

func resurrect(t *T) {
	saved = t
	fins <- t.id
}

func mkResurrecting(id int) {
	t := &T{id: id, next: &T{id: id + 1}}
	runtime.SetFinalizer(t, resurrect)
}

func mkChain() {
	b := mk(201)
	a := mk(200)
	a.next = b
}

func mkCleared() {
	t := mk(300)
	runtime.SetFinalizer(t, nil)
}

func mkIface() {
	t := &T{id: 400}
	runtime.SetFinalizer(t, func(x IDer) { fins <- x.ID() })
	u := &T{id: 401}
	runtime.SetFinalizer(u, func(x any) { fins <- x.(*T).id })
}

// KeepAlive: the object lives until that point.
func keepAlive() {
	x := mk(150)
	show("before KeepAlive", quiet())
	runtime.KeepAlive(x)
}

func main() {
	// Unreachable objects are finalized once each; a reachable one is not.
	keep = mk(100)
	drop(1, 10)
	show("dropped", wait(10))
	show("kept", quiet())

	keepAlive()

	// A finalizer may resurrect its object; it does not run again.
	mkResurrecting(50)
	show("resurrected (and kept alive)", wait(2))
	println("saved", saved.id, saved.next.id)
	saved = nil
	show("after", quiet())

	// Of a chain of objects with finalizers, the first goes first.
	mkChain()
	show("chain 1", wait(2))

	// SetFinalizer(x, nil) clears it.
	mkCleared()
	show("cleared", quiet())

	// Finalizers taking an interface.
	mkIface()
	show("interfaces", wait(2))

	// The finalizer goroutine is not counted.
	println("goroutines", runtime.NumGoroutine())
	keep = nil
	show("released", wait(1))
}
