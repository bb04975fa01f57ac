// models: browser
// A top-level class named window, a property of the window that cannot be deleted.
console.log("a");
class window {}
