console.log(Array.from({ length: 120 }, (_, i) => i));
console.log({ text: 'x'.repeat(90), other: 'short' });
console.log(['a long string item number one', 'a long string item number two', 'three']);
