package main

// unsafe.Sizeof, Alignof and Offsetof of type parameters' instances (not
// constants in generic code).

import "unsafe"

type Inner struct {
	B int16
}

type S[K any] struct {
	A K
	Inner
	C K
}

func sizes[K any](s *S[K]) (uintptr, uintptr, uintptr, uintptr, uintptr) {
	var k K
	return unsafe.Sizeof(k), unsafe.Alignof(k), unsafe.Offsetof(s.B), unsafe.Offsetof(s.C), unsafe.Sizeof(*s)
}

func main() {
	println(sizes(new(S[int8])))
	println(sizes(new(S[int64])))
	println(sizes(new(S[string])))
	println(sizes(new(S[[3]int32])))
}
