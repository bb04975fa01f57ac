console.log(['it\'s', "double \"quoted\"", `back`, 'new\nline']);
console.log({ 'key with space': 1, valid_id: 2, 3: 'numeric' });
console.log('top-level strings are not quoted', 'it\'s');
