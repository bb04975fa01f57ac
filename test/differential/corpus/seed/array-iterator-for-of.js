// models: node node-esm node-legacy browser
// From the seed (section 5): the second way, for...of over a fresh array iterator.
const arr = [100,200,300]
const iterator = arr[Symbol.iterator]()
let i
for (i of iterator) {
    console.log(i)
}
// 打印：100 200 300
