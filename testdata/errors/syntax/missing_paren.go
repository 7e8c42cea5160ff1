// errorcheck

// A parameter list without its closing parenthesis.

package p

func f(a int { // ERROR "unexpected { in parameter list; possibly missing comma or \)"
} // ERROR "unexpected } after top level declaration"
