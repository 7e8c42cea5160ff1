package main

// An unrecovered panic with a struct value that is neither an error nor a
// Stringer: gc's runtime prints it as "(TYPE) ADDRESS", e.g.
// "panic: (main.P) 0x497dd0". The address varies between builds, so this
// file's panic line only has a stable prefix (see README.md).

type P struct{ a, b int }

func main() {
	panic(P{1, 2})
}
