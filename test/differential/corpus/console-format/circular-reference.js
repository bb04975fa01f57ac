const a = { name: 'a' };
a.self = a;
const list = [1];
list.push(list);
console.log(a);
console.log(list);
