// models: browser
// A top-level const named location, a property of the window that cannot be deleted.
console.log('start');
const location = "here"; console.log(location);
