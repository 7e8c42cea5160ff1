// errorcheck

// A composite literal element ending a line needs a trailing comma.

package p

var x = []int{
	1,
	2 // ERROR "unexpected newline in composite literal; possibly missing comma or }"
}
