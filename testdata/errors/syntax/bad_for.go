// errorcheck

// A for header with two clauses instead of one or three.

package p

func f() {
	for i := 0; i < 10 { // ERROR "unexpected {, expected semicolon or newline"
	} // ERROR "unexpected }, expected expression"
}
