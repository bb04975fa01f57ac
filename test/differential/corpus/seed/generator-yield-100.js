// models: node node-esm node-legacy browser
// From the seed (section 5): yield hands a value out through next().
function* G() {
    yield 100
}
const g = G()
console.log( g.next() ) // {value: 100, done: false}
