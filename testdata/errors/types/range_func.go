// errorcheck

// Range over integers and over functions (iterators): too many variables,
// wrong yield signatures, non-integer and mismatched types.

package p

func seq(yield func(int) bool)              {}
func seq2(yield func(string, int) bool)     {}
func seq0(yield func() bool)                {}
func bad1(yield func(int))                  {}
func bad2(yield func(int) bool) bool        { return false }
func bad3(f func(int) bool, x int)          {}

func f(n int, u uint8, fl float64) {
	for i := range 10 {
		_ = i
	}
	for i, j := range 10 { // ERROR "declared and not used: i" "range over 10 \(untyped int constant\) permits only one iteration variable"
	}
	for i := range u {
		var _ uint8 = i // ok
	}
	for range fl { // ERROR "cannot range over fl \(variable of type float64\)"
	}
	var s string
	for s = range 3 { // ERROR "cannot use 3 \(untyped int constant\) as string value in range clause"
	}
	for x := range seq {
		_ = x
	}
	for x, y := range seq { // ERROR "declared and not used: x" "range over seq \(value of type func\(yield func\(int\) bool\)\) permits only one iteration variable"
	}
	for k, v := range seq2 {
		_, _ = k, v
	}
	for x := range seq0 { // ERROR "range over seq0 \(value of type func\(yield func\(\) bool\)\) permits no iteration variables"
	}
	for range seq0 { // ok
	}
	for x := range bad1 { // ERROR "cannot range over bad1 \(value of type func\(yield func\(int\)\)\): func must be func\(yield func\(\.\.\.\) bool\): yield func does not return bool"
	}
	for x := range bad2 { // ERROR "cannot range over bad2 \(value of type func\(yield func\(int\) bool\) bool\): func must be func\(yield func\(\.\.\.\) bool\): unexpected results"
	}
	for x := range bad3 { // ERROR "cannot range over bad3 \(value of type func\(f func\(int\) bool, x int\)\): func must be func\(yield func\(\.\.\.\) bool\): wrong argument count"
	}
	var i int
	for i = range seq2 { // ERROR "cannot use i \(value of type string\) as int value in assignment"
	}
	_, _ = s, i
}
