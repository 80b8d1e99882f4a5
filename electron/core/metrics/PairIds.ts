import { grown } from "./grown";
import { rebuiltSlots } from "./rebuiltSlots";

/**
 * Interns pairs of non-negative int32s (an (n−1)-gram id and a word id: an n-gram) to dense ids
 * 0, 1, 2, … in order of first sight. Open addressing over two Int32Array keys: a Map keyed by
 * one packed number hashed a boxed double per lookup, the larger part of building n-gram ids.
 */
export class PairIds {
  size = 0;
  /** slot → id, −1 empty; a power of two, at most half full */
  private slots = new Int32Array(1 << 12).fill(-1);
  /** per id: the pair */
  private firsts = new Int32Array(1 << 11);
  private seconds = new Int32Array(1 << 11);

  idOf(first: number, second: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return this.add(first, second, slot);
      if (this.firsts[id] === first && this.seconds[id] === second) return id;
    }
  }

  /** The first member of every pair so far, by id (an n-gram's prefix id). */
  firstOfEach(): Int32Array {
    return this.firsts.slice(0, this.size);
  }

  private add(first: number, second: number, slot: number): number {
    const id = this.size++;
    if (id === this.firsts.length) {
      this.firsts = grown(this.firsts);
      this.seconds = grown(this.seconds);
    }
    this.firsts[id] = first;
    this.seconds[id] = second;
    this.slots[slot] = id;
    if (2 * this.size > this.slots.length) this.slots = rebuiltSlots(2 * this.slots.length, this.size, (i) => hash(this.firsts[i]!, this.seconds[i]!));
    return id;
  }
}

/** A 32-bit mix of the two ids (murmur3's finaliser over a multiply-combined key). */
function hash(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ second;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
