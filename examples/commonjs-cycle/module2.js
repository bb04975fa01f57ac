// The other half of the seed's CommonJS cycle: it reads module1's partially filled exports.
const Module1 = require('./module1');
console.log('Module1 is partially loaded here', Module1);
