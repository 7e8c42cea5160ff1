// errorcheck

// Method values and method expressions: wrong receivers, calling method
// expressions without the receiver, method values of pointer methods on
// non-addressable values, interface method expressions.

package p

type T struct{}

func (T) V(int)  {}
func (*T) P(int) {}

type I interface{ M(string) }

func get() T { return T{} }

func f(t T, i I) {
	T.V(t, 1)  // ok
	T.V(1) // ERROR "not enough arguments in call to T\.V"
	T.V(t) // ERROR "not enough arguments in call to T\.V"
	(*T).P(t, 1) // ERROR "cannot use t \(variable of struct type T\) as \*T value in argument to \(\*T\)\.P"
	(*T).V(&t, 1) // ok
	_ = T.P // ERROR "invalid method expression T\.P \(needs pointer receiver \(\*T\)\.P\)"
	I.M(i, "x") // ok
	I.M("x") // ERROR "not enough arguments in call to I\.M"
	get().P(1) // ERROR "cannot call pointer method P on T"
	_ = get().P // ERROR "cannot call pointer method P on T"
	fv := t.V
	fv("x") // ERROR "cannot use .x. \(untyped string constant\) as int value in argument to fv"
	_ = i.M
	_ = T.V(t, 1) // ERROR "T\.V\(t, 1\) \(no value\) used as value"
	var g func(T, int) = T.V // ok
	var h func(int) = T.V // ERROR "cannot use T\.V \(value of type func\(T, int\)\) as func\(int\) value in variable declaration"
	_, _ = g, h
}
