// errorcheck

// init and main: init must take no arguments and return no results, cannot
// be referenced or called; main in package main likewise; init cannot be a
// variable or a type at package level.

package main

func init(x int) {} // ERROR "func init must have no arguments and no return values"

func init() int { return 0 } // ERROR "func init must have no arguments and no return values"

func init() {} // ok: any number of init functions

func main(args []string) int { return 0 } // ERROR "func main must have no arguments and no return values"

var init = 1 // ERROR "cannot declare init - must be func"

func f() {
	init() // ERROR "undefined: init"
	_ = init // ERROR "undefined: init"
	var init = 2 // ok: local
	_ = init
}

type T struct{}

func (T) init() {} // ok: a method named init
