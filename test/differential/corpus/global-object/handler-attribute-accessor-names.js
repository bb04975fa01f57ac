// models: browser
// The window's event handler attributes are accessors whose functions carry V8's names.
for (const name of ['onclick', 'onload', 'onerror', 'onmessage']) {
  const descriptor = Object.getOwnPropertyDescriptor(window, name);
  console.log(name, descriptor.get.name, descriptor.set.name, descriptor.enumerable, descriptor.configurable);
}
