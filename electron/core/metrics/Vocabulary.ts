/** Interns strings (words, whole outputs) to dense integer ids 0, 1, 2, … in order of first sight. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  get size(): number {
    return this.ids.size;
  }
}
