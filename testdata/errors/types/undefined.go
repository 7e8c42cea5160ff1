// errorcheck

// Undefined names: variables, functions, types, package-qualified names and
// names used before their declaration in a function.

package p

import "strings"

var _ = undefinedVar // ERROR "undefined: undefinedVar"

func f() {
	x := y // ERROR "undefined: y"
	_ = x
	g() // ERROR "undefined: g"
	var t T // ERROR "undefined: T"
	_ = t
	_ = strings.NoSuchFunc // ERROR "undefined: strings\.NoSuchFunc"
	_ = fmt.Println // ERROR "undefined: fmt"
	z = 1 // ERROR "undefined: z"
	_ = w // ERROR "undefined: w"
	w := 2
	_ = w
}

func h() undefinedType { return nil } // ERROR "undefined: undefinedType"

type S struct{ f Missing } // ERROR "undefined: Missing"

var _ = S{}.f
