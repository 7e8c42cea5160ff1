// errorcheck

// A var declaration with = and no value.

package p

var x =
var y = 1 // ERROR "unexpected keyword var, expected expression"
