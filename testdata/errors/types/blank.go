// errorcheck

// Misuse of the blank identifier: as a value, as a type, in selectors and
// calls; `_ :=` declares nothing new.

package p

type _ struct{}

func _() {} // ok: never callable

var _ = 1 // ok

func f() {
	x := _ // ERROR "cannot use _ as value or type"
	var y _ // ERROR "cannot use _ as value or type"
	_ = _.f // ERROR "cannot use _ as value or type"
	_() // ERROR "cannot use _ as value or type"
	_ := 1 // ERROR "no new variables on left side of :="
	_, _ := 1, 2 // ERROR "no new variables on left side of :="
	var z = 1 // ERROR "declared and not used: z"
	_, z := 2, 3 // z is not new // ERROR "no new variables on left side of :="
	_ = x
	_ = y
	_ = struct{ _ int }{_: 1} // ERROR "unknown field _ in struct literal of type struct\{_ int\}"
}
