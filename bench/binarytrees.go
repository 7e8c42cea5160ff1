// Binary trees (the Computer Language Benchmarks Game): one long-lived tree
// while many short-lived trees of growing depth are built and walked, a
// stretch of the allocator and the collector with a live set of one tree.
package main

type node struct {
	left, right *node
}

// bottomUp builds a complete tree of the given depth.
func bottomUp(depth int) *node {
	if depth <= 0 {
		return &node{}
	}
	return &node{bottomUp(depth - 1), bottomUp(depth - 1)}
}

// check counts the nodes of the tree.
func (n *node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

const (
	minDepth = 4
	maxDepth = 16
)

func main() {
	stretch := maxDepth + 1
	println("stretch tree of depth", stretch, "check:", bottomUp(stretch).check())

	long := bottomUp(maxDepth)
	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iterations := 1 << uint(maxDepth-depth+minDepth)
		check := 0
		for i := 0; i < iterations; i++ {
			check += bottomUp(depth).check()
		}
		println(iterations, "trees of depth", depth, "check:", check)
	}
	println("long lived tree of depth", maxDepth, "check:", long.check())
}
