// errorcheck

// Invalid binary and unary operations: mismatched types, operators not
// defined on an operand type.

package p

type MyInt int
type S struct{}

func f(i int, i8 int8, s string, b bool, fl float64, m MyInt, st S, p *int) {
	_ = i + i8 // ERROR "invalid operation: i \+ i8 \(mismatched types int and int8\)"
	_ = i + s // ERROR "invalid operation: i \+ s \(mismatched types int and string\)"
	_ = s - s // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	_ = b + b // ERROR "invalid operation: operator \+ not defined on b \(variable of type bool\)"
	_ = fl % fl // ERROR "invalid operation: operator % not defined on fl \(variable of type float64\)"
	_ = i + m // ERROR "invalid operation: i \+ m \(mismatched types int and MyInt\)"
	_ = st + st // ERROR "invalid operation: operator \+ not defined on st \(variable of struct type S\)"
	_ = -s // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	_ = !i // ERROR "invalid operation: operator ! not defined on i \(variable of type int\)"
	_ = ^fl // ERROR "invalid operation: operator \^ not defined on fl \(variable of type float64\)"
	_ = b && i // ERROR "invalid operation: b && i \(mismatched types bool and int\)"
	_ = i & fl // ERROR "invalid operation: i & fl \(mismatched types int and float64\)"
	_ = p + 1 // ERROR "invalid operation: p \+ 1 \(mismatched types \*int and untyped int\)"
	_ = *i // ERROR "invalid operation: cannot indirect i \(variable of type int\)"
	_ = &1 // ERROR "invalid operation: cannot take address of 1 \(untyped int constant\)"
	_ = s + 'a' // ERROR "invalid operation: s \+ 'a' \(mismatched types string and untyped rune\)"
	_ = i + 1.5 // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = "a" + 1 // ERROR "invalid operation: .a. \+ 1 \(mismatched types untyped string and untyped int\)"
	_ = <-i // ERROR "invalid operation: cannot receive from non-channel int i \(variable of type int\)"
}
