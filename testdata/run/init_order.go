package main

// Package initialization: variables are initialized in dependency order
// (not declaration order), functions referenced by initializers count as
// dependencies, several init functions run in source order after all
// variables, and main runs last.

var a = b + 1
var b = f("b", 10)
var c = f("c", a*2)
var d, e = pair()
var unused = f("unused", 0)

func f(name string, v int) int {
	println("init var", name, v)
	return v
}

func pair() (int, int) {
	println("init pair")
	return c + 1, c + 2
}

var counter int

func next() int {
	counter++
	return counter
}

var n1 = next()
var n2 = next()

func init() {
	println("init 1: a b c d e", a, b, c, d, e)
}

var late = f("late", d+e)

func init() {
	println("init 2: n1 n2 late", n1, n2, late)
}

func main() {
	println("main", counter)
}
