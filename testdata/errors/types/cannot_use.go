// errorcheck

// "cannot use X as Y value in CONTEXT" for assignments, arguments, returns,
// variable declarations, and the operand descriptions gc prints.

package p

type T struct{ x int }
type MyInt int

func takesString(s string) {}
func takesInts(xs ...int)  {}

func f() string {
	var i int
	var s string = i // ERROR "cannot use i \(variable of type int\) as string value in variable declaration"
	var m MyInt
	i = m // ERROR "cannot use m \(variable of int type MyInt\) as int value in assignment"
	m = i // ERROR "cannot use i \(variable of type int\) as MyInt value in assignment"
	takesString(i) // ERROR "cannot use i \(variable of type int\) as string value in argument to takesString"
	takesInts(1, "a") // ERROR "cannot use .a. \(untyped string constant\) as int value in argument to takesInts"
	var t T
	i = t // ERROR "cannot use t \(variable of struct type T\) as int value in assignment"
	var p *T = t // ERROR "cannot use t \(variable of struct type T\) as \*T value in variable declaration"
	var sl []int = [3]int{} // ERROR "cannot use \[3\]int\{\} \(value of type \[3\]int\) as \[\]int value in variable declaration"
	var ch chan int = make(chan<- int) // ERROR "cannot use make\(chan<- int\) \(value of type chan<- int\) as chan int value in variable declaration"
	var fn func() = f // ERROR "cannot use f \(value of type func\(\) string\) as func\(\) value in variable declaration"
	_, _, _, _ = s, p, sl, ch
	_ = fn
	var b byte = 'x' // ok: untyped rune constant
	_ = b
	return 1 // ERROR "cannot use 1 \(untyped int constant\) as string value in return statement"
}

func g() (int, string) {
	return "a", 1 // ERROR "cannot use .a. \(untyped string constant\) as int value in return statement" "cannot use 1 \(untyped int constant\) as string value in return statement"
}
