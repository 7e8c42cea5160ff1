// errorcheck

// A stray closing brace at top level.

package p

} // ERROR "non-declaration statement outside function body"
