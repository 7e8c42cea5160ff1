package main

// An unrecovered panic with a struct value that is neither an error nor a
// Stringer: gc's runtime prints it as "(TYPE) ADDRESS", e.g.
// "panic: (main.P) 0x497dd0". The address varies between runs and
// implementations; the golden harness masks it (`panic_address`).

type P struct{ a, b int }

func main() {
	panic(P{1, 2})
}
