// models: node node-esm browser
'use strict';
function strictLeak() { notDeclared = 1; }
try {
  strictLeak();
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
