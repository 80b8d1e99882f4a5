/** A typed array of twice the length holding a's elements first: the interning tables grow by doubling. */
export function grown<T extends Int32Array | Uint16Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(2 * a.length);
  b.set(a);
  return b;
}
