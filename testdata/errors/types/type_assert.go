// errorcheck

// Type assertions and type switches on non-interfaces, impossible
// assertions and cases, and duplicate cases.

package p

type I interface{ M() }
type T struct{}
type P struct{}

func (*P) M() {}

type Q struct{}

func (Q) M(int) {}

func f(x int, i I, e interface{}) {
	_ = x.(int) // ERROR "invalid operation: x \(variable of type int\) is not an interface"
	_ = i.(T) // ERROR "impossible type assertion: i\.\(T\)"
	_ = i.(P) // ERROR "impossible type assertion: i\.\(P\)"
	_ = i.(*P) // ok
	_ = i.(Q) // ERROR "impossible type assertion: i\.\(Q\)"
	_ = e.(T) // ok
	switch x.(type) { // ERROR "x \(variable of type int\) is not an interface"
	}
	switch i.(type) {
	case T: // ERROR "impossible type switch case: T"
	case *P:
	case int: // ERROR "impossible type switch case: int"
	}
	switch e.(type) {
	case int, string:
	case int: // ERROR "duplicate case int in type switch"
	}
	switch v := e.(type) {
	case nil:
		_ = v
	case nil: // ERROR "duplicate case nil in type switch"
	}
	_ = e.(undefinedT) // ERROR "undefined: undefinedT"
	_ = i.(type) // ERROR "invalid syntax tree: use of \.\(type\) outside type switch"
}
