// errorcheck

// delete, clear, close, min, max, complex, real, imag, panic, print,
// recover: invalid arguments.

package p

func f(m map[string]int, s []int, i int, fl float64, str string, ch chan int, a [3]int, c complex128) {
	delete(s, 1) // ERROR "invalid argument: s \(variable of type \[\]int\) is not a map"
	delete(m, 1) // ERROR "cannot use 1 \(untyped int constant\) as string value in argument to delete"
	delete(m) // ERROR "invalid operation: not enough arguments for delete\(m\) \(expected 2, found 1\)"
	clear(i) // ERROR "invalid argument: cannot clear i \(variable of type int\): argument must be \(or constrained by\) map or slice"
	clear(a) // ERROR "invalid argument: cannot clear a \(variable of type \[3\]int\): argument must be \(or constrained by\) map or slice"
	clear(&a) // ERROR "invalid argument: cannot clear &a \(value of type \*\[3\]int\): argument must be \(or constrained by\) map or slice"
	close(i) // ERROR "invalid operation: cannot close non-channel i \(variable of type int\)"
	close(ch, ch) // ERROR "invalid operation: too many arguments for close\(ch, ch\) \(expected 1, found 2\)"
	_ = min() // ERROR "invalid operation: not enough arguments for min\(\) \(expected 1, found 0\)"
	_ = min(i, fl) // ERROR "invalid argument: mismatched types int \(previous argument\) and float64 \(type of fl\)"
	_ = max(s, s) // ERROR "invalid argument: s \(variable of type \[\]int\) cannot be ordered"
	_ = max(1, "a") // ERROR "invalid argument: mismatched types untyped int \(previous argument\) and untyped string \(type of .a.\)"
	_ = min(str, "a") // ok
	_ = complex(i, i) // ERROR "invalid argument: arguments have type int, expected floating-point"
	_ = complex(1, fl) // ok
	_ = complex(fl, float32(1)) // ERROR "invalid operation: complex\(fl, float32\(1\)\) \(mismatched types float64 and float32\)"
	_ = real(i) // ERROR "invalid argument: argument has type int, expected complex type"
	_ = imag(str) // ERROR "invalid argument: argument has type string, expected complex type"
	_ = real(c) // ok
	panic() // ERROR "invalid operation: not enough arguments for panic\(\) \(expected 1, found 0\)"
	panic(1, 2) // ERROR "invalid operation: too many arguments for panic\(1, 2\) \(expected 1, found 2\)"
	print(f) // ok: print takes operands of any type
	_ = recover(1) // ERROR "invalid operation: too many arguments for recover\(1\) \(expected 0, found 1\)"
	_ = panic(1) // ERROR "panic\(1\) \(no value\) used as value"
	var x = print() // ERROR "print\(\) \(no value\) used as value"
	_ = x
	clear(m) // ok
	const k = real(1 + 2i) // ok
	const l = min(1, 2.5, 'a') // ok
}
