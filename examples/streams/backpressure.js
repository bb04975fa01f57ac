// The seed's stream notes in action: a Writable with a small highWaterMark returns false from write() (backpressure) and emits 'drain' when its buffer empties.
const { Writable, Readable } = require('stream');

const slow = new Writable({
    highWaterMark: 4,
    write(chunk, encoding, callback) {
        console.log('write', chunk.toString());
        setImmediate(callback);
    },
});
console.log('write returned', slow.write('ab'));
console.log('write returned', slow.write('cdef'));
slow.on('drain', () => console.log('drain'));

const source = Readable.from(['x', 'y', 'z']);
source.on('data', (chunk) => console.log('data', chunk));
source.on('end', () => console.log('end'));
