// JSON.parse failures in V8's words (message and stack), and JSON.parse itself as a built-in.
for (const text of ['{bad', '', '[1,]', '{"a":1,}', "{'a':1}", 'tru', '01', '"unterminated', '{"a":1}x', 'NaN']) {
  try {
    JSON.parse(text);
  } catch (error) {
    console.log(error.name, '|', error.message);
  }
}
try {
  JSON.parse(undefined);
} catch (error) {
  console.log(error.message);
}
try {
  JSON.parse({ toString() { console.log('toString once'); return '{"ok":'; } });
} catch (error) {
  console.log(String(error));
  console.log(error.stack.split('\n').slice(0, 2).join('\n'));
}
console.log(JSON.parse.toString(), JSON.parse.length, JSON.parse.name);
console.log(JSON.parse('[1,2]', (key, value) => (typeof value === 'number' ? value * 2 : value)));
try {
  JSON.parse('{\n  "a": 1,\n  "b": oops\n}');
} catch (error) {
  console.log(error.message);
}
