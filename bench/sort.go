// Sorting: quicksort and insertion sort over a pseudo-random int slice.
package main

type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state ^= r.state << 13
	r.state ^= r.state >> 7
	r.state ^= r.state << 17
	return r.state
}

func insertion(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func quicksort(a []int) {
	for len(a) > 12 {
		p := a[len(a)/2]
		i, j := 0, len(a)-1
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if j < len(a)-1-i {
			quicksort(a[:j+1])
			a = a[i:]
		} else {
			quicksort(a[i:])
			a = a[:j+1]
		}
	}
	insertion(a)
}

func main() {
	r := &rng{state: 88172645463325252}
	a := make([]int, 2000000)
	for i := range a {
		a[i] = int(r.next() % 1000000000)
	}
	quicksort(a)
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			println("not sorted at", i)
			return
		}
	}
	println(a[0], a[len(a)/2], a[len(a)-1])
}
