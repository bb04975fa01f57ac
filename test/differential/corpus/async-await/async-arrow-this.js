// models: node node-esm node-legacy browser
class Counter {
  constructor() { this.n = 0; }
  async bump() {
    await null;
    const inc = async () => { this.n += 1; return this.n; };
    return [await inc(), await inc()];
  }
}
new Counter().bump().then((v) => console.log(v.join(',')));
