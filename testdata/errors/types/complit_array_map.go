// errorcheck

// Array, slice and map composite literals: duplicate indices and keys,
// indices out of bounds, negative and non-constant indices, wrong element
// types, missing keys in map literals.

package p

var n = 3

var _ = [2]int{1, 2, 3} // ERROR "index 2 is out of bounds \(>= 2\)"
var _ = [2]int{5: 1} // ERROR "invalid argument: index 5 out of bounds \[0:2\]"
var _ = []int{0: 1, 0: 2} // ERROR "duplicate index 0 in array or slice literal"
var _ = []int{1, 0: 2} // ERROR "duplicate index 0 in array or slice literal"
var _ = []int{-1: 1} // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
var _ = []int{n: 1} // ERROR "index n must be integer constant"
var _ = []int{1.5: 1} // ERROR "1\.5 \(untyped float constant\) truncated to int"
var _ = []int{"a"} // ERROR "cannot use .a. \(untyped string constant\) as int value in array or slice literal"
var _ = map[string]int{"a": 1, "a": 2} // ERROR "duplicate key .a. in map literal"
var _ = map[string]int{1} // ERROR "missing key in map literal"
var _ = map[string]int{1: 1} // ERROR "cannot use 1 \(untyped int constant\) as string value in map literal"
var _ = map[int]string{1: 2} // ERROR "cannot use 2 \(untyped int constant\) as string value in map literal"
var _ = [...]int{1, 2, 3} // ok
var _ = [...]int{9: 1, 10}  // ok: length 11
var _ = [3]int{2: 1, 1} // ERROR "index 3 is out of bounds \(>= 3\)"
var _ [...]int // ERROR "invalid use of \[\.\.\.\] array \(outside a composite literal\)"
var _ = map[[]int]int{} // ERROR "invalid map key type \[\]int"
var _ = map[float64]int{1.0: 1, 1: 2} // ERROR "duplicate key 1 in map literal"
var _ = map[interface{}]int{1: 1, 1: 2} // ERROR "duplicate key 1 in map literal"
var _ = []int{'a': 1, 97: 2} // ERROR "duplicate index 97 in array or slice literal"
