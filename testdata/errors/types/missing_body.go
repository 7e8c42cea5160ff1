// errorcheck -complete

// With -complete (which the go command passes when a package has no
// assembly files) a function declaration without a body is an error.
// Without -complete gc accepts it, expecting an assembly implementation.

package p

func noBody() // ERROR "missing function body"

func alsoNoBody(x int) int // ERROR "missing function body"

type T struct{}

func (T) m() // ERROR "missing function body"

func withBody() {} // ok
