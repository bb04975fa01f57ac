// models: browser
const div = document.createElement('div');
div.textContent = 'hello';
div.setAttribute('id', 'greeting');
document.body.appendChild(div);
console.log(div.textContent, div.getAttribute('id'), div.tagName, document.body.contains(div), document.body.lastChild === div);
