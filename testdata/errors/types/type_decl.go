// errorcheck

// Type declarations: duplicate struct fields, duplicate interface methods,
// non-interface type terms in (constraint) interfaces, using non-types as
// types, type expressions used as values, invalid map key types.

package p

type S struct {
	a int
	a string // ERROR "a redeclared"
	b, b int // ERROR "b redeclared"
}

type I interface {
	M()
	M() // ERROR "duplicate method M"
}

type J interface { // ok: a constraint interface
	int
}

type K interface { // ok: a constraint interface
	S
	M()
}

var v int

type L v // ERROR "v \(package-level variable\) is not a type"

type N []v // ERROR "v \(package-level variable\) is not a type"

func f() {
	_ = S // ERROR "S \(type\) is not an expression"
	_ = []int // ERROR "\[\]int \(type\) is not an expression"
	var x f // ERROR "f \(function\) is not a type"
	_ = x
	_ = int + 1 // ERROR "int \(type\) is not an expression"
}

type Map map[func()]int // ERROR "invalid map key type func\(\)"

