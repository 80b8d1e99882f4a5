/**
 * An open-addressing table's slot array (slot → id, −1 empty) rebuilt at `length` slots for ids
 * 0…size−1, each placed by linear probing from its hash: what PairIds and WordIds do when they grow.
 */
export function rebuiltSlots(length: number, size: number, hashOf: (id: number) => number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(length).fill(-1);
  const mask = length - 1;
  for (let id = 0; id < size; id++) {
    let slot = hashOf(id) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = id;
  }
  return slots;
}
