// The seed's iterator and generator examples: next() results, for...of, and values passed back in through next(value).
const arr = [100, 200, 300]
const iterator = arr[Symbol.iterator]()
console.log(iterator.next())  // { value: 100, done: false }
console.log(iterator.next())  // { value: 200, done: false }
console.log(iterator.next())  // { value: 300, done: false }
console.log(iterator.next())  // { value: undefined, done: true }

function* Hello() {
    yield 100
    yield (function () { return 200 })()
    return 300
}
const h = Hello()
console.log(h[Symbol.iterator])  // [Function: [Symbol.iterator]]
console.log(h.next())
console.log(h.next())
console.log(h.next())
console.log(h.next())

let i
for (i of Hello()) {
    console.log(i)
}

function* G() {
    const a = yield 100
    console.log('a', a)  // a aaa
    const b = yield 200
    console.log('b', b)  // b bbb
    const c = yield 300
    console.log('c', c)  // c ccc
}
const g = G()
console.log(g.next())
console.log(g.next('aaa'))
console.log(g.next('bbb'))
console.log(g.next('ccc'))
