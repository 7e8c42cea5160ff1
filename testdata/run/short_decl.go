// Short declarations: redeclared interface variables take converted results; swaps through redeclaration.
package main

func f() (int, string) { return 1, "a" }

func main() {
	var x any
	x, y := f()
	println(x.(int), y)
	a, b := 1, 2
	a, c := b, a
	println(a, b, c)
}
