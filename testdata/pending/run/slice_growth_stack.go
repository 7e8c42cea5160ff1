package main

// Growth of slices that do not escape. Since Go 1.25/1.26 gc gives the first
// append to a non-escaping nil slice a 32-byte backing store on the stack,
// so the first capacities are 4 ints, 32 bytes, 1 S (then the heap takes
// over). This output depends on gc's escape analysis and stack allocation
// (cmd/compile, not the runtime); slice_growth.go shows heap growth.

type S struct{ a, b, c int64 }

func main() {
	var xs []int
	for i := 1; i <= 20; i++ {
		xs = append(xs, i)
		println("int", len(xs), cap(xs))
	}
	var bs []byte
	for i := 1; i <= 20; i++ {
		bs = append(bs, byte(i))
		println("byte", len(bs), cap(bs))
	}
	var ss []S
	for i := 1; i <= 20; i++ {
		ss = append(ss, S{int64(i), 0, 0})
		println("S", len(ss), cap(ss))
	}
	ys := append([]int(nil), 1, 2, 3, 4, 5)
	println(len(ys), cap(ys))
	ys = append(ys, ys...)
	println(len(ys), cap(ys))
	zs := append([]byte("hello"), " world, this is longer"...)
	println(len(zs), cap(zs), string(zs))
	big := make([]int, 0, 1000)
	big = append(big, make([]int, 1001)...)
	println(len(big), cap(big))
	var s3 []int32
	for i := 0; i < 600; i++ {
		s3 = append(s3, int32(i))
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
