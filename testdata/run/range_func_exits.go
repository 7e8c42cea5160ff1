package main

// Range over functions: labelled break and continue out of nested
// iterator loops, return through two bodies, assignment to outer
// variables, defers in bodies with recover, and the runtime errors for
// iterators that call yield after the loop body returned false or after
// the loop ended.

func upto(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func kv(yield func(string, int) bool) {
	_ = yield("a", 1) && yield("b", 2) && yield("c", 3)
}

func search(t int) (int, int) {
	for i := range upto(5) {
		for j := range upto(5) {
			if i*j == t {
				return i, j
			}
		}
	}
	return -1, -1
}

func ignoresFalse(yield func(int) bool) {
	yield(1)
	yield(2)
}

var saved func(int) bool

func saves(yield func(int) bool) {
	saved = yield
	yield(0)
}

func try(name string, f func()) {
	defer func() {
		println(name, "recovered:", recover().(error).Error())
	}()
	f()
}

func deferred() (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = 99
		}
	}()
	for i := range upto(3) {
		defer func() { r += i }()
		if i == 2 {
			panic("boom")
		}
	}
	return 0
}

func main() {
outer:
	for i := range upto(4) {
		for j := range upto(4) {
			if j > i {
				continue outer
			}
			if i == 3 {
				break outer
			}
			print(i, j, " ")
		}
	}
	println()
	println(search(6))
	println(search(100))

	var k string
	var v int
	for k, v = range kv {
		if v == 2 {
			break
		}
	}
	println(k, v)

	n := 0
	for range upto(3) {
		for range upto(3) {
			n++
		}
	}
	println(n)
	println(deferred())

	try("ignores false", func() {
		for x := range ignoresFalse {
			println("body", x)
			break
		}
	})
	try("after exit", func() {
		for x := range saves {
			println("body", x)
		}
		saved(1)
	})
}
