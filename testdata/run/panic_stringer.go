package main

// An unrecovered panic with a value that has a String method but no Error
// method: the runtime prints the result of String() (printpanicval handles
// error and stringer values before falling back to the type and address).

type S struct{ n int }

func (s S) String() string { return "S-stringer" }

func main() {
	panic(S{1})
}
