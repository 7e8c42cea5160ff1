// errorcheck

// Imports come before every other declaration.

package p

var x int

import "fmt" // ERROR "imports must appear before other declarations"
