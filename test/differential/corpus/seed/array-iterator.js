// models: node node-esm node-legacy browser
// From the seed (section 5, Iterator): the iterator is exhausted before the for...of loop.
const arr = [100,200,300]
const iterator = arr[Symbol.iterator]()
console.log(iterator.next())  // { value: 100, done: false }
console.log(iterator.next())  // { value: 200, done: false }
console.log(iterator.next())  // { value: 300, done: false }
console.log(iterator.next())  // { value: undefined, done: true }
let i
for (i of iterator) {
    console.log(i)
}
