const fs = require('fs');
const rs = fs.createReadStream('ghost.txt');
rs.on('error', (err) => console.log('error', err.code, err.message));
rs.on('close', () => console.log('close'));
rs.on('data', () => console.log('never'));
