package main

import "unsafe"

// unsafe.Sizeof, Alignof and Offsetof on amd64, struct padding, empty
// structs, unsafe.Pointer conversions, unsafe.Slice/String/SliceData.

type A struct {
	a bool
	b int64
	c bool
}

type B struct {
	a, c bool
	b    int64
}

type C struct {
	x int32
	y struct{}
}

func main() {
	var i int
	var s string
	var sl []int
	var e interface{}
	var m map[int]int
	var f func()
	var c complex128
	println(unsafe.Sizeof(i), unsafe.Sizeof(s), unsafe.Sizeof(sl), unsafe.Sizeof(e), unsafe.Sizeof(m), unsafe.Sizeof(f), unsafe.Sizeof(c))
	println(unsafe.Sizeof(A{}), unsafe.Sizeof(B{}), unsafe.Sizeof(C{}), unsafe.Sizeof(struct{}{}), unsafe.Sizeof([0]int{}))
	var a A
	println(unsafe.Offsetof(a.a), unsafe.Offsetof(a.b), unsafe.Offsetof(a.c), unsafe.Alignof(a), unsafe.Alignof(a.c))
	var b B
	println(unsafe.Offsetof(b.c), unsafe.Offsetof(b.b))
	println(unsafe.Sizeof([3]int16{}), unsafe.Alignof(int16(0)), unsafe.Alignof(c), unsafe.Sizeof(uintptr(0)))
	x := int64(-1)
	p := unsafe.Pointer(&x)
	u := (*uint64)(p)
	println(*u)
	arr := [4]int32{10, 20, 30, 40}
	third := (*int32)(unsafe.Add(unsafe.Pointer(&arr[0]), 8))
	println(*third)
	data := unsafe.SliceData(arr[:])
	view := unsafe.Slice(data, 2)
	println(len(view), cap(view), view[1])
	bs := []byte("bytes")
	str := unsafe.String(&bs[0], 3)
	println(str)
	sd := unsafe.StringData("xyz")
	println(*sd)
	const k = unsafe.Sizeof(A{}) * 2
	println(k)
}
