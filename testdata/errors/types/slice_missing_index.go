// errorcheck

// "middle index required in 3-index slice" and "final index required in
// 3-index slice" come from gc's parser, but they do not start with "syntax
// error", so gc does not count them as syntax errors: it goes on to type
// check the file and reports the type errors too.

package p

func f(s []int) {
	_ = s[::3] // ERROR "middle index required in 3-index slice"
	_ = s[1::3] // ERROR "middle index required in 3-index slice"
	_ = s[1:2:] // ERROR "final index required in 3-index slice"
	var x int = "a" // ERROR "declared and not used: x" "cannot use .a. \(untyped string constant\) as int value in variable declaration"
}
