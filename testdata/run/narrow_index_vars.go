package main

// Narrow integer variables in memory (package variables, variables in
// heap cells) used as slice and make operands, which take ints.

var i byte = 3
var j int8 = -1
var u16 uint16 = 5
var i32 int32 = 2
var a [30]byte

func main() {
	for k := range a {
		a[k] = byte('a' + k)
	}
	println(string(a[0:i]), string(a[i:u16]), len(a[:i:u16]), cap(a[:i:u16]))
	s := make([]int, i, u16)
	println(len(s), cap(s))
	str := "hello world"
	println(str[i:u16], str[i32:])

	// A variable in a cell (its address is taken).
	var b byte = 4
	pb := &b
	*pb = 2
	println(string(a[b:i32+4]), len(make([]string, b)))

	defer func() { println("recovered", recover() != nil) }()
	println(len(a[j:]))
}
