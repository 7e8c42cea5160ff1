// errorcheck

// Invalid conversions.

package p

type S struct{ x int }
type T struct{ y int }
type U struct{ x int }
type F func()

func f(i int, s string, fl float64, b bool, st S, sl []int, p *int, m map[int]int) {
	_ = string(fl) // ERROR "cannot convert fl \(variable of type float64\) to type string"
	_ = int(s) // ERROR "cannot convert s \(variable of type string\) to type int"
	_ = bool(i) // ERROR "cannot convert i \(variable of type int\) to type bool"
	_ = int(b) // ERROR "cannot convert b \(variable of type bool\) to type int"
	_ = T(st) // ERROR "cannot convert st \(variable of struct type S\) to type T"
	_ = U(st) // ok: identical underlying types
	_ = []byte(i) // ERROR "cannot convert i \(variable of type int\) to type \[\]byte"
	_ = string(sl) // ERROR "cannot convert sl \(variable of type \[\]int\) to type string"
	_ = []rune(s) // ok
	_ = *float64(p) // ERROR "cannot convert p \(variable of type \*int\) to type float64"
	_ = (*float64)(p) // ERROR "cannot convert p \(variable of type \*int\) to type \*float64"
	_ = int(m) // ERROR "cannot convert m \(variable of type map\[int\]int\) to type int"
	_ = F(f) // ERROR "cannot convert f \(value of type func\(i int, s string, fl float64, b bool, st S, sl \[\]int, p \*int, m map\[int\]int\)\) to type F"
	_ = float64("1.0") // ERROR "cannot convert .1\.0. \(untyped string constant\) to type float64"
	_ = complex128(s) // ERROR "cannot convert s \(variable of type string\) to type complex128"
	_ = [4]int(sl) // ok since Go 1.20
	_ = [4]string(sl) // ERROR "cannot convert sl \(variable of type \[\]int\) to type \[4\]string"
	_ = int(nil) // ERROR "cannot convert nil to type int"
	_ = (*int)(nil) // ok
}
