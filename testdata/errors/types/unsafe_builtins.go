// errorcheck

// package unsafe: Sizeof/Alignof/Offsetof misuse, Add, Slice, String,
// SliceData, StringData argument checks, and unsafe.Pointer conversions.

package p

import "unsafe"

type T struct {
	a int8
	b int64
}

func (T) m() {}

func f(t T, p *int, s []int, str string, i int) {
	const _ = unsafe.Sizeof(t)   // ok
	const _ = unsafe.Offsetof(t.b) // ok
	_ = unsafe.Offsetof(t) // ERROR "invalid argument: t is not a selector expression"
	_ = unsafe.Offsetof(t.m) // ERROR "invalid argument: t\.m is a method value"
	_ = unsafe.Sizeof() // ERROR "invalid operation: not enough arguments for unsafe\.Sizeof\(\) \(expected 1, found 0\)"
	_ = unsafe.Sizeof // ERROR "unsafe\.Sizeof \(built-in\) must be called"
	_ = unsafe.Add(p, 1) // ERROR "cannot use p \(variable of type \*int\) as unsafe\.Pointer value in argument to unsafe\.Add"
	_ = unsafe.Add(unsafe.Pointer(p), 1.5) // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = unsafe.Slice(s, 1) // ERROR "invalid argument: s \(variable of type \[\]int\) is not a pointer"
	_ = unsafe.Slice(p, "x") // ERROR "cannot convert .x. \(untyped string constant\) to type int"
	_ = unsafe.String(str, 1) // ERROR "cannot use str \(variable of type string\) as \*byte value in argument to unsafe\.String"
	_ = unsafe.SliceData(str) // ERROR "invalid argument: str \(variable of type string\) is not a slice"
	_ = unsafe.StringData(s) // ERROR "cannot use s \(variable of type \[\]int\) as string value in argument to unsafe\.StringData"
	_ = unsafe.Pointer(i) // ERROR "cannot convert i \(variable of type int\) to type unsafe\.Pointer"
	_ = (*int)(unsafe.Pointer(p)) // ok
	_ = uintptr(unsafe.Pointer(p)) // ok
	_ = unsafe.Nosuch // ERROR "undefined: unsafe\.Nosuch"
	var x unsafe.Pointer = p // ERROR "cannot use p \(variable of type \*int\) as unsafe\.Pointer value in variable declaration"
	_ = x
}
