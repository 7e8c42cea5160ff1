// errorcheck

// Slice expressions: 3-index slices of strings, invalid and inverted
// constant indices, slicing unaddressable arrays, non-sliceable operands.

package p

func f(a [5]int, s []int, str string, i int, m map[int]int) {
	_ = str[1:2:3] // ERROR "invalid operation: 3-index slice of string"
	_ = s[1:2:3] // ok
	_ = s[2:1] // ERROR "invalid slice indices: 1 < 2"
	_ = s[1:3:2] // ERROR "invalid slice indices: 2 < 3"
	_ = a[0:6] // ERROR "invalid argument: index 6 out of bounds \[0:6\]"
	_ = a[-1:] // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = s[:1.5] // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = "hello"[2:10] // ERROR "invalid argument: index 10 out of bounds \[0:6\]"
	_ = i[1:] // ERROR "cannot slice i \(variable of type int\)"
	_ = m[1:] // ERROR "cannot slice m \(variable of type map\[int\]int\)"
	_ = [3]int{}[:] // ERROR "cannot slice unaddressable value \[3\]int\{\} \(value of type \[3\]int\)"
	_ = a[:2:6] // ERROR "invalid argument: index 6 out of bounds \[0:6\]"
	p := &a
	_ = p[1:3] // ok: pointer to array
}
