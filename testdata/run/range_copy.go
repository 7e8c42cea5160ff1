package main

// Copy semantics in range loops: the range expression is evaluated once
// (arrays are copied, slices are not), the value variable is a copy of the
// element, appending during iteration does not extend the loop, and
// modifying a map during iteration by deleting entries.

type Item struct{ n int }

func main() {
	arr := [3]int{1, 2, 3}
	for i, v := range arr {
		arr[2] = 100 // the range works on a copy of arr
		if i == 2 {
			println("array value", v)
		}
	}
	sl := []int{1, 2, 3}
	for i, v := range sl {
		sl[2] = 100 // slices share the backing array
		if i == 2 {
			println("slice value", v)
		}
	}
	pa := &[3]int{1, 2, 3}
	for i, v := range pa {
		pa[2] = 100 // no copy through a pointer
		if i == 2 {
			println("pointer value", v)
		}
	}
	items := []Item{{1}, {2}}
	for _, it := range items {
		it.n *= 10
	}
	println(items[0].n, items[1].n)
	for i := range items {
		items[i].n *= 10
	}
	println(items[0].n, items[1].n)
	grow := []int{1, 2, 3}
	iters := 0
	for range grow {
		grow = append(grow, 0)
		iters++
	}
	println(iters, len(grow))
	m := map[int]bool{1: true, 2: true, 3: true, 4: true}
	seen := 0
	for k := range m {
		delete(m, k)
		seen++
	}
	println(seen, len(m))
	s := "abc"
	for i := range s {
		s = "zzzzzz" // the range expression was evaluated once
		_ = i
	}
	println(s)
	var ptrs []*int
	nums := []int{7, 8}
	for i := range nums {
		ptrs = append(ptrs, &nums[i])
	}
	*ptrs[0] = 70
	println(nums[0])
	structs := [2]Item{{1}, {2}}
	for i, it := range structs {
		structs[1].n = 99
		if i == 1 {
			println(it.n)
		}
	}
}
