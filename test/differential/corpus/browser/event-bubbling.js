// models: browser
const outer = document.createElement('div');
const inner = document.createElement('span');
outer.appendChild(inner);
document.body.appendChild(outer);
outer.addEventListener('click', () => console.log('outer bubble'));
outer.addEventListener('click', () => console.log('outer capture'), true);
inner.addEventListener('click', (e) => console.log('inner target', e.eventPhase));
inner.click();
