// errorcheck

// Range statements: non-iterable operands, too many iteration variables,
// unused iteration variables, iterating over pointers to slices, and
// assigning to iteration variables of the wrong type.

package p

func f(i int, fl float64, p *[]int, pa *[3]int, ch chan int, sch chan<- int, m map[string]int) {
	for range fl { // ERROR "cannot range over fl \(variable of type float64\)"
	}
	for x := range p { // ERROR "cannot range over p \(variable of type \*\[\]int\)"
	}
	for x := range pa { // ok
		_ = x
	}
	for x, y := range ch { // ERROR "declared and not used: x" "range over ch \(variable of type chan int\) permits only one iteration variable"
	}
	for x := range sch { // ERROR "cannot range over sch \(variable of type chan<- int\): receive from send-only channel chan<- int"
	}
	for k, v, w := range m { // ERROR "declared and not used: k" "declared and not used: v" "range clause permits at most two iteration variables"
	}
	for k, v := range m { // ERROR "declared and not used: v"
		_ = k
	}
	var s string
	for s = range m { // ok
	}
	for s = range []int{} { // ERROR "cannot use s \(value of type int\) as string value in assignment"
	}
	_ = s
	for x, y := range i { // ERROR "declared and not used: x" "range over i \(variable of type int\) permits only one iteration variable"
	}
	for k := range 10.5 { // ERROR "cannot range over 10\.5 \(untyped float constant\)"
	}
}
