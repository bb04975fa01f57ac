'use strict';
// Strict writes to a primitive name V8's message after the value written to, which is not always
// the file's constant of that name: a `let`, a parameter or a callback's parameter may shadow it.
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const title = 'report';
const count = 1;

attempt('the constant itself', () => { title.draft = true; });
attempt('a let of the same name', () => {
  let title = 5;
  title.draft = true;
});
attempt('a parameter of the same name', () => ((title) => { title.draft = true; })(false));
attempt('a callback parameter', () => [10].forEach((count) => { count.total = 3; }));
attempt('an index of a shadowing string', () => ((title) => { title[0] = 'R'; })('draft'));
attempt('an object of the same name', () => {
  const count = { total: 0 };
  count.total = 2;
  return count.total;
});
