// errorcheck

// new(expr) (Go 1.26): the operand is an expression whose default type is
// the element type; untyped nil, builtins and no-value calls are errors.

package p

func f() int { return 1 }
func g()     {}

var _ *int = new(nil) // ERROR "use of untyped nil in argument to new"
var _ = new(f)    // ok: *func() int
var _ = new(f())  // ok: *int
var _ = new(len) // ERROR "len \(built-in\) must be called"
var _ = new(1 << 70) // ERROR "cannot use 1 << 70 \(untyped int constant 1180591620717411303424\) as int value in argument to new \(overflows\)"
var _ = new(g()) // ERROR "g\(\) \(no value\) used as value or type"
var _ *int8 = new(300) // ERROR "cannot use new\(300\) \(value of type \*int\) as \*int8 value in variable declaration"
var _ *float64 = new(1.5) // ok
var _ *int = new(1.5) // ERROR "cannot use new\(1\.5\) \(value of type \*float64\) as \*int value in variable declaration"
