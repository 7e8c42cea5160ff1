package main

// Run-time panics recovered and printed with their Error() text: index and
// slice bounds, nil map writes, integer division by zero, nil pointer
// dereference, failed type assertions, closed channels, negative make
// lengths, conversions of slices to too-long arrays.

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			println(name, "- no panic")
			return
		}
		if e, ok := r.(error); ok {
			println(name, "-", e.Error())
		} else {
			println(name, "- non-error panic")
		}
	}()
	f()
}

type T struct{ x int }

type I interface{ M() }

func main() {
	s := []int{1, 2, 3}
	i := 5
	j := -1
	k := 1
	try("index", func() { _ = s[i] })
	try("index neg", func() { _ = s[j] })
	try("string index", func() { _ = "abc"[i] })
	try("array index", func() { var a [3]int; _ = a[i%8] })
	try("slice hi", func() { _ = s[:i] })
	try("slice lo>hi", func() { _ = s[2:k] })
	try("slice3", func() { _ = s[0:1:i] })
	try("string slice", func() { _ = "hello"[k:i+10] })
	var m map[string]int
	try("nil map read", func() { _ = m["x"] })
	try("nil map write", func() { m["x"] = 1 })
	zero := 0
	try("divide", func() { _ = 10 / zero })
	try("modulo", func() { _ = 10 % zero })
	try("float divide", func() { f := 0.0; _ = 1 / f })
	var p *T
	try("nil deref", func() { _ = p.x })
	var ip *int
	try("nil deref int", func() { *ip = 1 })
	var e interface{} = "str"
	try("assert", func() { _ = e.(int) })
	try("assert iface", func() { _ = e.(I) })
	var ni interface{}
	try("assert nil", func() { _ = ni.(string) })
	try("assert T", func() { var x interface{} = T{}; _ = x.(*T) })
	ch := make(chan int)
	close(ch)
	try("close closed", func() { close(ch) })
	try("send closed", func() { ch <- 1 })
	var nch chan int
	try("close nil", func() { close(nch) })
	n := -1
	try("make neg", func() { _ = make([]int, n) })
	try("make cap<len", func() { _ = make([]int, 5, k) })
	try("slice to array", func() { _ = [4]int(s) })
	var f func()
	try("nil func", func() { f() })
	try("custom", func() { panic(T{}) })
	try("nil panic", func() { panic(nil) })
}
