// errorcheck

// Directives where gc does not allow them, judged once the package
// type-checks.

package p

//go:noinline
func f() {}

//go:nosplit
//go:noinline
func g() {}

//go:noinline // ERROR "misplaced compiler directive"
var x int

//go:noinline // ERROR "misplaced compiler directive"
type T int

func h() {
	//go:noinline // ERROR "misplaced compiler directive"
	const c = 1
	_ = c
}
