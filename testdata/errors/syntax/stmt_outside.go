// errorcheck

// A call statement at top level.

package p

println("hi") // ERROR "non-declaration statement outside function body"
