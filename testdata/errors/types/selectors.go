// errorcheck

// Selectors: missing fields and methods, with gc's hints about fields and
// methods of a different case, pointer receivers, and pointers to pointers.

package p

type T struct {
	Field int
	inner struct{ x int }
}

func (T) Method()    {}
func (*T) PtrMethod() {}

type E struct{ T }

func f(t T, p *T, pp **T, i int, e E) {
	_ = t.nosuch // ERROR "t\.nosuch undefined \(type T has no field or method nosuch\)"
	_ = t.field // ERROR "t\.field undefined \(type T has no field or method field, but does have field Field\)"
	t.method() // ERROR "t\.method undefined \(type T has no field or method method, but does have method Method\)"
	_ = p.Fieldx // ERROR "p\.Fieldx undefined \(type \*T has no field or method Fieldx\)"
	_ = pp.Field // ERROR "pp\.Field undefined \(type \*\*T has no field or method Field\)"
	_ = i.x // ERROR "i\.x undefined \(type int has no field or method x\)"
	_ = t.inner.y // ERROR "t\.inner\.y undefined \(type struct\{x int\} has no field or method y\)"
	_ = e.nosuch // ERROR "e\.nosuch undefined \(type E has no field or method nosuch\)"
	_ = e.field // ERROR "e\.field undefined \(type E has no field or method field, but does have field Field\)"
	T.PtrMethod(t) // ERROR "invalid method expression T\.PtrMethod \(needs pointer receiver \(\*T\)\.PtrMethod\)"
	_ = T.nosuch // ERROR "T\.nosuch undefined \(type T has no field or method nosuch\)"
	_ = (*T).nosuch // ERROR "\(\*T\)\.nosuch undefined \(type \*T has no field or method nosuch\)"
	var iface interface{ M() }
	iface.m() // ERROR "iface\.m undefined \(type interface\{M\(\)\} has no field or method m, but does have method M\)"
}
