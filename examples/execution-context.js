// The seed's execution-context examples: the creation phase (arguments, hoisted c, a and b undefined) and the execution phase of foo(22), and a recursive IIFE that pushes four frames.
(function foo(i) {
    if (i === 3) {
        return;
    }
    else {
        foo(++i);
    }
}(0));

function foo(i) {
    console.log('creation phase:', typeof a, typeof b, typeof c, arguments.length, i);
    var a = 'hello';
    var b = function privateB() {

    };
    function c() {

    }
    console.log('execution phase:', a, typeof b, b.name, typeof c);
}

foo(22);
