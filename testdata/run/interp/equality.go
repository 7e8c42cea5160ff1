package main

// Struct and array equality, field by field: strings by content, NaN
// never equal, nested aggregates.

type P struct {
	X, Y int
	S    string
	F    float64
	b    bool
}

func main() {
	a := P{1, 2, "s", 0.5, true}
	b := P{1, 2, "s" + "", 0.5, true}
	c := P{1, 2, "t", 0.5, true}
	println(a == b, a != b, a == c, a != c)
	x := [3]int{1, 2, 3}
	y := [3]int{1, 2, 3}
	z := [3]int{1, 2, 4}
	println(x == y, x == z, x != z)
	zero := 0.0
	n := [1]float64{zero / zero}
	println(n == n)
	type Q struct{ p P; k [2]string }
	q1 := Q{a, [2]string{"a", "b"}}
	q2 := Q{b, [2]string{"a", "b"}}
	println(q1 == q2)
}
