// errorcheck

// append and copy: non-slice operands, wrong element types, misuse of ...,
// copy between mismatched slices.

package p

func f(s []int, b []byte, str string, a [3]int, i int) {
	_ = append(a, 1) // ERROR "invalid append: argument must be a slice; have a \(variable of type \[3\]int\)"
	_ = append(s, "x") // ERROR "cannot use .x. \(untyped string constant\) as int value in argument to append"
	_ = append(s, b...) // ERROR "cannot use b \(variable of type \[\]byte\) as \[\]int value in argument to append"
	_ = append(b, str...) // ok: special case
	_ = append(s)         // ok
	_ = append() // ERROR "invalid operation: not enough arguments for append\(\) \(expected 1, found 0\)"
	append(s, 1) // ERROR "append\(s, 1\) \(value of type \[\]int\) is not used"
	_ = append(i, 1) // ERROR "invalid append: argument must be a slice; have i \(variable of type int\)"
	_ = append(nil, 1) // ERROR "invalid append: argument must be a slice; have untyped nil"
	copy(s, b) // ERROR "invalid copy: arguments s \(variable of type \[\]int\) and b \(variable of type \[\]byte\) have different element types int and byte"
	copy(b, str) // ok
	copy(s, 1) // ERROR "invalid copy: argument must be a slice; have 1 \(untyped int constant\)"
	copy(a, s) // ERROR "invalid copy: argument must be a slice; have a \(variable of type \[3\]int\)"
	copy(s) // ERROR "invalid operation: not enough arguments for copy\(s\) \(expected 2, found 1\)"
	_ = copy(s, s) // ok: result is int
	var n string = copy(s, s) // ERROR "cannot use copy\(s, s\) \(value of type int\) as string value in variable declaration"
	_ = n
}
