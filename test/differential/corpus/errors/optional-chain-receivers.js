// Optional chains in front of array methods: when a link is nullish the whole chain
// short-circuits and nothing after it runs (no TypeError), while a chain that reaches a frozen
// array still fails with the array's own message.
const state = null;
const settings = { list: undefined, queue: [1, 2], locked: Object.freeze([1, 2, 3]) };

state?.items.push(1);
settings.list?.items.push(2);
settings.missing?.entries.unshift(0);
console.log('short-circuited', state?.items.map((item) => item * 2), settings.list?.items.pop());
console.log('called', settings.queue?.slice().reverse(), settings.queue.pop?.(), settings.queue);
console.log('element links', settings?.['queue'].splice(0, 1), settings.queue);
try {
  settings.locked?.push(4);
} catch (error) {
  console.log('frozen', `${error.constructor.name}: ${error.message}`);
}
console.log('done');
