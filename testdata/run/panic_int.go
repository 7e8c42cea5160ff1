package main

// An unrecovered panic with an integer value, raised in a nested call.
// Non-string basic values print with their type: "panic: 42" for int,
// "panic: main.Code(7)" for named types.

type Code int

func inner(n int) {
	if n == 0 {
		panic(Code(7))
	}
	inner(n - 1)
}

func main() {
	defer func() {
		r := recover()
		println("recovered", r.(Code))
		panic(42)
	}()
	inner(3)
}
