// errorcheck

// Untyped nil: it has no default type, so it cannot initialize a variable
// without a type, and it is not a value of non-pointer-like types.

package p

type S struct{}

func take(int) {}

func f() {
	x := nil // ERROR "use of untyped nil in assignment"
	var y = nil // ERROR "use of untyped nil in variable declaration"
	var i int = nil // ERROR "cannot use nil as int value in variable declaration"
	var s string = nil // ERROR "cannot use nil as string value in variable declaration"
	var st S = nil // ERROR "cannot use nil as S value in variable declaration"
	take(nil) // ERROR "cannot use nil as int value in argument to take"
	_ = nil // ERROR "use of untyped nil in assignment to _ identifier"
	var p *int = nil     // ok
	var sl []int = nil   // ok
	var e error = nil    // ok
	var fn func() = nil  // ok
	_, _, _, _ = p, sl, e, fn
	_ = x
	_ = y
	_, _, _ = i, s, st
	_ = nil + 1 // ERROR "invalid operation: nil \+ 1 \(mismatched types untyped nil and untyped int\)"
	_ = -nil // ERROR "invalid operation: operator - not defined on nil"
	nil := 1 // ok: nil is an ordinary predeclared identifier
	_ = nil
}
