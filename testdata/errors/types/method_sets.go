// errorcheck

// Method sets: a value type does not have the methods declared on its
// pointer type, so it does not implement interfaces that need them.

package p

type I interface{ M() }
type J interface {
	M()
	N()
}

type T struct{}

func (*T) M() {}
func (T) N()  {}

type V struct{}

func (V) M() {}

func use(I) {}

func f() {
	var t T
	var i I = t // ERROR "cannot use t \(variable of struct type T\) as I value in variable declaration: T does not implement I \(method M has pointer receiver\)"
	var _ I = &t // ok
	use(t) // ERROR "cannot use t \(variable of struct type T\) as I value in argument to use: T does not implement I \(method M has pointer receiver\)"
	var _ J = &t // ok
	var _ J = t // ERROR "cannot use t \(variable of struct type T\) as J value in variable declaration: T does not implement J \(method M has pointer receiver\)"
	var _ I = V{}  // ok
	var _ I = &V{} // ok
	_ = i
	var _ = I(t) // ERROR "cannot convert t \(variable of struct type T\) to type I: T does not implement I \(method M has pointer receiver\)"
	t.M() // ok: t is addressable
	T{}.M() // ERROR "cannot call pointer method M on T"
	(&T{}).M() // ok
}

func ret() I {
	return T{} // ERROR "cannot use T\{\} \(value of struct type T\) as I value in return statement: T does not implement I \(method M has pointer receiver\)"
}
