// errorcheck

// Conditions of if, for and switch-with-no-tag must be boolean; switch case
// values must be comparable with the tag; duplicate constant cases.

package p

type B bool

func f(i int, s string, b B, sl []int) {
	if i { // ERROR "non-boolean condition in if statement"
	}
	for s { // ERROR "non-boolean condition in for statement"
	}
	if b { // ok: named boolean type
	}
	if nil { // ERROR "non-boolean condition in if statement"
	}
	switch {
	case i: // ERROR "invalid case i in switch on true \(mismatched types int and bool\)"
	}
	switch i {
	case "a": // ERROR "cannot convert .a. \(untyped string constant\) to type int"
	case 1, 1: // ERROR "duplicate case 1 \(constant of type int\) in expression switch"
	}
	switch s {
	case "x", "x": // ERROR "duplicate case .x. \(constant of type string\) in expression switch"
	}
	switch sl { // ok: with no cases nothing is compared
	}
	for ; i; { // ERROR "non-boolean condition in for statement"
	}
	_ = !s // ERROR "invalid operation: operator ! not defined on s \(variable of type string\)"
}
