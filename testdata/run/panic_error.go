package main

// An unrecovered panic whose value is an error (a custom type with an Error
// method, no fmt): the runtime prints the result of Error().

type MyErr struct {
	Op   string
	Code int
}

func (e *MyErr) Error() string { return "myerr: " + e.Op + " failed" }

func do() error { return &MyErr{"open", 2} }

func main() {
	if err := do(); err != nil {
		panic(err)
	}
}
