// models: node node-legacy
// From the seed (section 7, leaks 2): the closure keeps bigData alive through the global inner.
// new Buffer() also makes Node print its deprecation warning (DEP0005) on stderr.
function out(){
    const bigData = new Buffer(10);
    inner = function(){
        void bigData;
    }
}
out();
console.log(typeof inner);
