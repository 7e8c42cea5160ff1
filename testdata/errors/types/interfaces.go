// errorcheck

// Interface satisfaction: missing methods, methods with the wrong signature,
// a method whose name differs only in case, pointer-receiver methods, a
// missing method of an imported interface, and interfaces as values.

package p

import "io"

type Stringer interface{ String() string }

type A struct{}

func (A) String() int { return 0 }

type B struct{}

func (B) string() string { return "" }

type C struct{}

type D struct{}

func (*D) String() string { return "" }

type RW interface {
	Stringer
	Close() error
}

func f() {
	var _ Stringer = A{} // ERROR "cannot use A\{\} \(value of struct type A\) as Stringer value in variable declaration: A does not implement Stringer \(wrong type for method String\)"
	var _ Stringer = B{} // ERROR "cannot use B\{\} \(value of struct type B\) as Stringer value in variable declaration: B does not implement Stringer \(missing method String\)"
	var _ Stringer = C{} // ERROR "cannot use C\{\} \(value of struct type C\) as Stringer value in variable declaration: C does not implement Stringer \(missing method String\)"
	var _ Stringer = 1 // ERROR "cannot use 1 \(constant of type int\) as Stringer value in variable declaration: int does not implement Stringer \(missing method String\)"
	var _ io.Reader = C{} // ERROR "cannot use C\{\} \(value of struct type C\) as io\.Reader value in variable declaration: C does not implement io\.Reader \(missing method Read\)"
	var s Stringer
	var _ RW = s // ERROR "cannot use s \(variable of interface type Stringer\) as RW value in variable declaration: Stringer does not implement RW \(missing method Close\)"
	var rw RW
	s = rw // ok
	var _ Stringer = D{} // ERROR "cannot use D\{\} \(value of struct type D\) as Stringer value in variable declaration: D does not implement Stringer \(method String has pointer receiver\)"
	_ = s
}
