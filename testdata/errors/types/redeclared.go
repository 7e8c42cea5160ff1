// errorcheck

// Redeclarations in the same block, at package level and in functions, and
// `:=` with no new variables on the left.

package p

var a int
var a string // ERROR "a redeclared in this block"

func f() {}
func f() {} // ERROR "f redeclared in this block"

type T int
type T string // ERROR "T redeclared in this block"

const c = 1

var c = 2 // ERROR "c redeclared in this block"

func g(x int, x string) {} // ERROR "x redeclared in this block"

func h() {
	v := 1
	var v int // ERROR "v redeclared in this block"
	_ = v
	w := 2
	w := 3 // ERROR "no new variables on left side of :="
	_ = w
	{
		v := 2 // shadowing in an inner block is fine
		_ = v
	}
}

func (T) m() {}
func (T) m() {} // ERROR "method T\.m already declared at redeclared\.go:36:10"
