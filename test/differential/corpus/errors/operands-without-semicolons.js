'use strict'
// Code without semicolons: statements that start with an array method's receiver, an `in` or a
// property write must not continue the line before them, and their messages stay V8's.
const list = []
const label = 'queue'
const options = { verbose: true }
let count = 0
list.push(1)
count = 2
'verbose' in options
list.map((item) => item * 2)
const snapshot = () => list
list.unshift(0)
const locked = Object.freeze([1, 2])
try {
  locked.push(3)
} catch (error) {
  console.log(error.message)
}
try {
  label.size = 1
} catch (error) {
  console.log(error.message)
}
console.log(list, count, snapshot().length)
