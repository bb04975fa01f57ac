// Object.defineProperty of a property that cannot be redefined (not configurable, and a descriptor
// it does not already have): V8 says "Cannot redefine property: <key>". A non-extensible object
// refuses a new key with another message; Reflect.defineProperty answers false instead of throwing.
const settings = {};
Object.defineProperty(settings, 'mode', { value: 'strict', enumerable: true });
try {
  Object.defineProperty(settings, 'mode', { value: 'loose' });
} catch (error) {
  console.log(`${error.constructor.name}: ${error.message}`);
}
const frozen = Object.freeze({ size: 1 });
try {
  Object.defineProperty(frozen, "size", { value: 2 });
} catch (error) {
  console.log(error.message);
}
try {
  Object.defineProperty(frozen, 'extra', { value: 3 });
} catch (error) {
  console.log(error.message);
}
// The same descriptor again is no change: no error.
Object.defineProperty(settings, 'mode', { value: 'strict', enumerable: true });
console.log(Reflect.defineProperty(frozen, 'size', { value: 4 }), settings.mode, frozen.size);
Object.defineProperty(settings, 'mode', { get() { return 'changed'; } });
