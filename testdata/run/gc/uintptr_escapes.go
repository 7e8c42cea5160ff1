package main

// //go:uintptrescapes: a pointer converted to uintptr in an argument of a
// call of a function marked so stays alive until the call returns — in
// direct calls, variadic arguments, method calls, and go and defer
// statements (through a wrapper holding the pointers) — and no longer
// (GOROOT/test fixedbugs/issue24491a.go, issue24491b.go).

import (
	"runtime"
	"unsafe"
)

var done = make(chan bool, 1)

var freed = make(chan string, 100)

func setup(name string) unsafe.Pointer {
	s := "ok"
	runtime.SetFinalizer(&s, func(p *string) {
		*p = "FAIL"
		freed <- name
	})
	return unsafe.Pointer(&s)
}

//go:noinline
//go:uintptrescapes
func test(s string, p, q uintptr, rest ...uintptr) int {
	runtime.GC()
	runtime.GC()
	bad := *(*string)(unsafe.Pointer(p)) != "ok" || *(*string)(unsafe.Pointer(q)) != "ok"
	for _, r := range rest {
		bad = bad || *(*string)(unsafe.Pointer(r)) != "ok"
	}
	println(s, !bad)
	done <- true
	return 0
}

type S struct{}

//go:noinline
//go:uintptrescapes
func (S) test(s string, p, q uintptr, rest ...uintptr) int {
	return test(s, p, q, rest...)
}

//go:uintptrescapes
func before(p uintptr) int {
	runtime.GC()
	select {
	case n := <-freed:
		println("freed during the call:", n)
	default:
	}
	return 0
}

func main() {
	// Not kept alive past the call.
	_ = before(uintptr(setup("after")))
	n := ""
	for i := 0; i < 10 && n == ""; i++ {
		runtime.GC()
		select {
		case n = <-freed:
		default:
		}
	}
	println("freed after the call:", n)

	test("call", uintptr(setup("a")), uintptr(setup("b")), uintptr(setup("c")), uintptr(setup("d")))
	<-done

	go test("go", uintptr(setup("a")), uintptr(setup("b")), uintptr(setup("c")))
	<-done

	func() {
		defer test("defer", uintptr(setup("a")), uintptr(setup("b")), uintptr(setup("c")))
	}()
	<-done

	func() {
		s := &S{}
		defer s.test("defer method", uintptr(setup("a")), uintptr(setup("b")), uintptr(setup("c")))
	}()
	<-done

	S{}.test("method", uintptr(setup("a")), uintptr(setup("b")))
	<-done
}
