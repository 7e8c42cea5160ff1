// errorcheck

// The opening brace of a function body must be on the signature's line.

package p

func f()
{ // ERROR "unexpected semicolon or newline before {"
}
