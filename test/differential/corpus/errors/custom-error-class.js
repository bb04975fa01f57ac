// models: node node-esm browser
class ValidationError extends Error {
  constructor(field) {
    super('invalid ' + field);
    this.name = 'ValidationError';
    this.field = field;
  }
}
try {
  throw new ValidationError('email');
} catch (e) {
  console.log(e instanceof ValidationError, e instanceof Error, e.name, e.message, e.field);
  console.log(String(e));
}
throw new ValidationError('age');
