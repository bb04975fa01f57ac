// The seed's live-binding library: importers see counter change after incCounter().
export let counter = 3;
export function incCounter() {
    counter++;
}
