package main

// Equality of structs, arrays, pointers, channels, interfaces holding
// different dynamic types, strings, floats inside structs (NaN, -0),
// nested composite values, and interface values holding structs.

type P struct {
	X, Y int
	Name string
}

type F struct{ v float64 }

type Nested struct {
	p   P
	arr [2]string
	ptr *int
}

func main() {
	p1 := P{1, 2, "a"}
	p2 := P{1, 2, "a"}
	p3 := P{1, 2, "b"}
	println(p1 == p2, p1 == p3, p1 != p3)
	a1 := [3]int{1, 2, 3}
	a2 := [3]int{1, 2, 3}
	a3 := [3]int{1, 2, 4}
	println(a1 == a2, a1 == a3)
	sa := [2]string{"x", "y"}
	println(sa == [2]string{"x", "y"}, sa == [2]string{"x", "z"})
	zero := 0.0
	nan := zero / zero
	println(F{nan} == F{nan}, F{zero} == F{-zero}, [1]float64{nan} == [1]float64{nan})
	i, j := 1, 1
	n1 := Nested{p1, sa, &i}
	n2 := Nested{p2, sa, &i}
	n3 := Nested{p2, sa, &j}
	println(n1 == n2, n1 == n3)
	c1 := make(chan int)
	c2 := c1
	c3 := make(chan int)
	println(c1 == c2, c1 == c3)
	var e1, e2 interface{} = p1, p2
	println(e1 == e2, e1 == interface{}(p3), e1 == interface{}(1))
	var e3, e4 interface{} = int32(1), int64(1)
	println(e3 == e4, e3 == interface{}(int32(1)))
	var e5, e6 interface{} = nan, nan
	println(e5 == e5, e5 == e6)
	var e7 interface{} = [2]int{1, 2}
	println(e7 == interface{}([2]int{1, 2}))
	s1, s2 := "hello", "hel"
	s2 += "lo"
	println(s1 == s2)
	type empty struct{}
	println(empty{} == empty{}, [0]int{} == [0]int{})
	defer func() { println("recovered:", recover().(error).Error()) }()
	var e8, e9 interface{} = P{}, []int{}
	println(e8 == e9)
	var f1, f2 interface{} = map[int]int{}, map[int]int{}
	println(f1 == f2)
}
