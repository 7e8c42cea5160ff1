// errorcheck

// Indexing: constant indices out of range, negative and non-integer
// indices, indexing non-indexable values, map key types, assigning into
// strings.

package p

func f(a [3]int, s []int, str string, m map[string]int, i int, p *[3]int, ps *[]int) {
	_ = a[3] // ERROR "invalid argument: index 3 out of bounds \[0:3\]"
	_ = a[-1] // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = s[-1] // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = s[1.5] // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = s["x"] // ERROR "cannot convert .x. \(untyped string constant\) to type int"
	_ = a[i] // ok
	_ = str[10] // ok: not a constant string
	_ = "abc"[3] // ERROR "invalid argument: index 3 out of bounds \[0:3\]"
	_ = "abc"[-1] // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = m[1] // ERROR "cannot use 1 \(untyped int constant\) as string value in map index"
	_ = i[0] // ERROR "cannot index i \(variable of type int\)"
	_ = p[5] // ERROR "invalid argument: index 5 out of bounds \[0:3\]"
	_ = ps[0] // ERROR "cannot index ps \(variable of type \*\[\]int\)"
	str[0] = 'x' // ERROR "cannot assign to str\[0\] \(neither addressable nor a map index expression\)"
	_ = s[1<<70] // ERROR "1 << 70 \(untyped int constant 1180591620717411303424\) overflows int"
	const c = 10
	_ = a[c] // ERROR "invalid argument: index 10 out of bounds \[0:3\]"
	_ = a[2.0] // ok: representable as int
	var fl float64
	_ = s[fl] // ERROR "invalid argument: index fl \(variable of type float64\) must be integer"
	_, ok := s[0] // ERROR "assignment mismatch: 2 variables but 1 value"
	_ = ok
}
