import { grown } from "./grown";
import { rebuiltSlots } from "./rebuiltSlots";

/**
 * Interns word tokens to dense ids 0, 1, 2, … in order of first sight, straight from a span of
 * the folded text (WordSpans): an open-addressing table over FNV-1a hashes of the characters, with
 * each new word's characters kept in one pool. No token string is ever made.
 */
export class WordIds {
  size = 0;
  /** slot → id, −1 empty; a power of two, at most half full */
  private slots = new Int32Array(1024).fill(-1);
  /** per id: its hash, and where its characters lie in the pool */
  private hashes = new Int32Array(512);
  private starts = new Int32Array(512);
  private lengths = new Int32Array(512);
  private pool = new Uint16Array(4096);
  private poolUsed = 0;

  /** The id of the word folded.slice(start, end). */
  idOf(folded: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ folded.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return this.add(folded, start, end, h, slot);
      if (this.hashes[id] === h && this.holds(id, folded, start, end)) return id;
    }
  }

  private holds(id: number, folded: string, start: number, end: number): boolean {
    if (this.lengths[id] !== end - start) return false;
    const at = this.starts[id]! - start;
    for (let i = start; i < end; i++) if (this.pool[at + i] !== folded.charCodeAt(i)) return false;
    return true;
  }

  private add(folded: string, start: number, end: number, h: number, slot: number): number {
    const id = this.size++;
    if (id === this.hashes.length) {
      this.hashes = grown(this.hashes);
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
    }
    while (this.poolUsed + end - start > this.pool.length) this.pool = grown(this.pool);
    this.hashes[id] = h;
    this.starts[id] = this.poolUsed;
    this.lengths[id] = end - start;
    for (let i = start; i < end; i++) this.pool[this.poolUsed++] = folded.charCodeAt(i);
    this.slots[slot] = id;
    if (2 * this.size > this.slots.length) this.slots = rebuiltSlots(2 * this.slots.length, this.size, (i) => this.hashes[i]!);
    return id;
  }
}
