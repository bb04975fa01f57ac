const o = { get computed() { return 1; }, [Symbol('s')]: 'symbol key' };
Object.defineProperty(o, 'hidden', { value: 'secret', enumerable: false });
console.log(o);
console.log(Object.keys(o));
