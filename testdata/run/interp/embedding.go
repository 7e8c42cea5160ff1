package main

// Embedded structs: promoted fields (through values and pointers, at any
// depth, shallowest wins) and promoted methods with value and pointer
// receivers.

type Base struct {
	ID   int
	Name string
}

func (b Base) Describe() string { return b.Name + "#" }

func (b *Base) Rename(n string) { b.Name = n }

type Mid struct {
	Base
	Level int
}

type Top struct {
	*Mid
	Name string // shadows Base.Name
}

func main() {
	m := Mid{Base{1, "base"}, 2}
	println(m.ID, m.Name, m.Level, m.Describe())
	m.Rename("renamed")
	m.ID++
	println(m.Base.Name, m.ID)
	t := Top{&m, "top"}
	println(t.Name, t.Mid.Name, t.ID, t.Level)
	t.Rename("via top")
	println(m.Name, t.Describe())
	ps := []Mid{{Base{7, "a"}, 1}, {Base{8, "b"}, 2}}
	ps[1].Rename("bb")
	println(ps[1].Name, ps[0].ID+ps[1].ID)
}
