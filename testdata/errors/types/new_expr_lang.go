// errorcheck -lang=go1.25

// new(expr), new in Go 1.26, is rejected for older language versions; the
// operand must still be an expression or a type.

package p

func f() int { return 1 }

var _ = new(1) // ERROR "new\(1\) requires go1\.26 or later \(-lang was set to go1\.25; check go\.mod\)"
var _ = new(f()) // ERROR "new\(f\(\)\) requires go1\.26 or later \(-lang was set to go1\.25; check go\.mod\)"
var _ = new(int) // ok
var _ *int = new(nil) // ERROR "use of untyped nil in argument to new"
