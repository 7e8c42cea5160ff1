// errorcheck

// defer and go need function calls; calls of some builtins and conversions
// are not allowed, and the result of the call is discarded. The two
// messages about the form of the expression (parenthesized, not a call)
// come from gc's parser; like all parser errors not starting with "syntax
// error" they do not stop type checking.

package p

func f() int { return 0 }

func g(ch chan int, s []int) {
	defer f() // ok: result discarded
	go f()    // ok
	defer (f()) // ERROR "expression in defer must not be parenthesized"
	defer len(s) // ERROR "defer discards result of len\(s\) \(value of type int\)"
	go append(s, 1) // ERROR "go discards result of append\(s, 1\) \(value of type \[\]int\)"
	defer int(1) // ERROR "defer requires function call, not conversion int\(1\) \(constant 1 of type int\)"
	defer close(ch) // ok
	defer panic(1)  // ok
	defer recover() // ok
	defer copy(s, s) // ok
	go println()     // ok
	defer new(int) // ERROR "defer discards result of new\(int\) \(value of type \*int\)"
	go func() {}   // not called // ERROR "expression in go must be function call"
}
