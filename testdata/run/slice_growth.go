package main

// Growth of slices under append: len and cap after each append of one
// element, for element sizes 8 ([]int), 1 ([]byte) and 24 (a struct), and
// appending many elements at once. Every slice escapes to the heap (through
// the sink variables), so the capacities are those of runtime.growslice and
// the allocator's size classes; slice_growth_stack.go shows the non-escaping
// case.

type S struct{ a, b, c int64 }

var (
	sinkInt  []int
	sinkByte []byte
	sinkS    []S
	sinkI32  []int32
)

func main() {
	var xs []int
	for i := 1; i <= 20; i++ {
		xs = append(xs, i)
		sinkInt = xs
		println("int", len(xs), cap(xs))
	}
	var bs []byte
	for i := 1; i <= 20; i++ {
		bs = append(bs, byte(i))
		sinkByte = bs
		println("byte", len(bs), cap(bs))
	}
	var ss []S
	for i := 1; i <= 20; i++ {
		ss = append(ss, S{int64(i), 0, 0})
		sinkS = ss
		println("S", len(ss), cap(ss))
	}
	ys := append([]int(nil), 1, 2, 3, 4, 5)
	sinkInt = ys
	println(len(ys), cap(ys))
	ys = append(ys, ys...)
	sinkInt = ys
	println(len(ys), cap(ys))
	zs := append([]byte("hello"), " world, this is longer"...)
	sinkByte = zs
	println(len(zs), cap(zs), string(zs))
	big := make([]int, 0, 1000)
	big = append(big, make([]int, 1001)...)
	sinkInt = big
	println(len(big), cap(big))
	var s3 []int32
	for i := 0; i < 600; i++ {
		s3 = append(s3, int32(i))
		sinkI32 = s3
		if len(s3) == cap(s3) {
			println("int32 full at", len(s3))
		}
	}
	e := make([]struct{}, 0)
	for i := 0; i < 5; i++ {
		e = append(e, struct{}{})
	}
	println(len(e), cap(e) >= 5)
}
