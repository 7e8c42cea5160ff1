// errorcheck

// Embedded fields: ambiguous selectors at the same depth, embedding
// pointers to pointers or interfaces by pointer, duplicate embedded names,
// and promoted methods through pointers.

package p

type A struct{ X int }

func (A) M() {}

type B struct{ X int }

func (B) M() {}

type C struct {
	A
	B
}

type D struct {
	C
	X string // shadows the ambiguous C.X
}

type I interface{ M() }

type E struct {
	*I // ERROR "embedded field type cannot be a pointer to an interface"
}

type F struct {
	A
	*A // ERROR "A redeclared"
}

type PA *A

type G struct {
	PA // ERROR "embedded field type cannot be a pointer"
}

func f(c C, d D) {
	_ = c.X // ERROR "ambiguous selector c\.X"
	c.M() // ERROR "ambiguous selector c\.M"
	_ = d.X // ok
	_ = d.A.X // ok
	var _ I = c // ERROR "cannot use c \(variable of struct type C\) as I value in variable declaration: C does not implement I \(ambiguous selector C\.M\)"
	_ = c.A.X // ok
}
