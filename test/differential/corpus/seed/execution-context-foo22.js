// models: node node-esm node-legacy browser
// From the seed (section 1): foo(22), whose creation phase the notes draw. It prints nothing.
function foo(i) {
    var a = 'hello';
    var b = function privateB() {

    };
    function c() {

    }
}

foo(22);
