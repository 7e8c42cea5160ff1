// errorcheck

// Local variables that are declared and never used, including variables
// declared in closures, in if/switch/for headers and type switch variables.

package p

func f() {
	a := 1 // ERROR "declared and not used: a"
	var b int // ERROR "declared and not used: b"
	c, d := 1, 2 // ERROR "declared and not used: d"
	_ = c
	var e = 3 // ERROR "declared and not used: e"
	e = 4
	func() {
		g := 5 // ERROR "declared and not used: g"
	}()
	if h := 1; true { // ERROR "declared and not used: h"
	}
	for i := 0; ; { // ERROR "declared and not used: i"
	}
}

func ts(x interface{}) {
	switch t := x.(type) { // ERROR "t declared and not used"
	case int:
	}
	switch u := x.(type) {
	case int:
		_ = u
	case string:
	}
}

func params(p int) (r int) { // parameters and results are never "unused"
	return
}

var global int // package-level variables are fine
