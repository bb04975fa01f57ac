// models: node node-esm browser
Promise.reject(42);
