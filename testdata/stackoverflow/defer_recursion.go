package main

// Each deferred call calls f again: the stack grows until Go's limit.

func f() {
	defer func() { f() }()
}

func main() { f() }
