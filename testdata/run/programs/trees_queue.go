// Trees, a generic queue, memoised recursion, a sieve.
package main

type Node struct {
	val      int
	children []*Node
}

func build(depth, width int) *Node {
	n := &Node{val: depth}
	if depth > 0 {
		for i := 0; i < width; i++ {
			n.children = append(n.children, build(depth-1, width))
		}
	}
	return n
}

func (n *Node) Sum() (s int) {
	s = n.val
	for _, c := range n.children {
		s += c.Sum()
	}
	return
}

func (n *Node) Walk(visit func(*Node) bool) bool {
	if !visit(n) {
		return false
	}
	for _, c := range n.children {
		if !c.Walk(visit) {
			return false
		}
	}
	return true
}

type Queue[T any] struct {
	items []T
	head  int
}

func (q *Queue[T]) Push(x T) { q.items = append(q.items, x) }
func (q *Queue[T]) Pop() (T, bool) {
	var zero T
	if q.head >= len(q.items) {
		return zero, false
	}
	x := q.items[q.head]
	q.head++
	return x, true
}
func (q *Queue[T]) Len() int { return len(q.items) - q.head }

func bfs(root *Node) []int {
	var q Queue[*Node]
	q.Push(root)
	var out []int
	for q.Len() > 0 {
		n, _ := q.Pop()
		out = append(out, n.val)
		for _, c := range n.children {
			q.Push(c)
		}
	}
	return out
}

func main() {
	t := build(4, 3)
	println(t.Sum())
	count := 0
	t.Walk(func(n *Node) bool {
		count++
		return count < 50
	})
	println(count)
	order := bfs(t)
	println(len(order), order[0], order[1], order[len(order)-1])
	memo := map[int]int{}
	var fibm func(int) int
	fibm = func(n int) int {
		if n < 2 {
			return n
		}
		if v, ok := memo[n]; ok {
			return v
		}
		v := fibm(n-1) + fibm(n-2)
		memo[n] = v
		return v
	}
	println(fibm(90))
	primes := []int{}
	sieve := make([]bool, 100)
	for i := 2; i < 100; i++ {
		if !sieve[i] {
			primes = append(primes, i)
			for j := i * i; j < 100; j += i {
				sieve[j] = true
			}
		}
	}
	println(len(primes), primes[len(primes)-1])
	var sb []byte
	for i := 0; i < 5; i++ {
		sb = append(sb, byte('0'+i))
		sb = append(sb, ',')
	}
	println(string(sb[:len(sb)-1]))
}
