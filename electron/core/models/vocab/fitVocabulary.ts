import { GgufType, readGgufKv, writeGgufKv, type GgufKv, type GgufValue } from "./ggufKv";

export type FittedVocabulary = { from: number; kept: number; merges: number | null };

const isSpecialIdKey = (key: string) => /^tokenizer\.ggml\.[a-z_]+_token_id$/.test(key);

/**
 * A real tokenizer's vocabulary cut down to the tokens a corpus uses, written as a vocabulary GGUF
 * that the trainer's `init` copies. `used` holds the ids the full tokenizer gives the corpus.
 *
 * The cut keeps, besides those ids, every token that is a substring of one of them, the byte
 * tokens (SentencePiece's byte fallback; byte-level BPE's 256 base symbols) and the special tokens
 * the file names (BOS, EOS, unknown). Both tokenizers only ever build a token out of pieces that
 * are substrings of it, and keep the same scores (SentencePiece) or merge ranks (BPE), so the cut
 * vocabulary splits the corpus exactly as the full one does; other text still tokenises, in
 * smaller pieces. What changes is the size of the embedding and output layers: the rows of tokens
 * the corpus never uses are gone (docs/default-models.md).
 */
export function fitVocabulary(source: string, used: Iterable<number>, out: string): FittedVocabulary {
  const kv = readGgufKv(source);
  const tokens = arrayOf(kv, "tokenizer.ggml.tokens") as string[];
  const types = arrayOf(kv, "tokenizer.ggml.token_type") as number[];
  const model = kv.get("tokenizer.ggml.model")?.value;
  if (model !== "llama" && model !== "gpt2")
    throw new Error(`${source}: tokenizer model ${String(model)} is not SentencePiece (llama) or byte-level BPE (gpt2)`);
  const idOf = new Map(tokens.map((t, i) => [t, i]));
  const keep = new Set<number>();
  for (const id of used) {
    const t = tokens[id];
    if (t === undefined) throw new Error(`token id ${id} is not in ${source}`);
    const chars = [...t];
    for (let a = 0; a < chars.length; a++) {
      let s = "";
      for (let b = a; b < chars.length; b++) {
        s += chars[b];
        const sub = idOf.get(s);
        if (sub !== undefined) keep.add(sub);
      }
    }
  }
  const special = new Set([...kv].filter(([k]) => isSpecialIdKey(k)).map(([, v]) => Number(v.value)));
  tokens.forEach((t, i) => {
    const type = types[i];
    // SentencePiece: byte fallback (6) and unknown (2); BPE: the 256 one-character byte symbols
    if (model === "llama" ? type === 6 || type === 2 : type === 1 && [...t].length === 1) keep.add(i);
    if (special.has(i)) keep.add(i);
  });
  const ids = [...keep].sort((x, y) => x - y);
  const newId = new Map(ids.map((old, i) => [old, i]));
  const fitted: GgufKv = new Map();
  for (const [key, v] of kv) {
    if ("itemType" in v && v.value.length === tokens.length && key.startsWith("tokenizer.ggml.") && key !== "tokenizer.ggml.merges") {
      fitted.set(key, { ...v, value: ids.map((i) => v.value[i]!) });
    } else if (isSpecialIdKey(key)) {
      const id = newId.get(Number(v.value));
      if (id !== undefined) fitted.set(key, { type: v.type, value: id } as GgufValue);
    } else fitted.set(key, v);
  }
  let merges: number | null = null;
  const allMerges = kv.get("tokenizer.ggml.merges");
  if (allMerges && "itemType" in allMerges) {
    const kept = new Set(ids.map((i) => tokens[i]!));
    const value = (allMerges.value as string[]).filter((m) => {
      const [a, b] = m.split(" ");
      return a !== undefined && b !== undefined && kept.has(a) && kept.has(b) && kept.has(a + b);
    });
    merges = value.length;
    fitted.set("tokenizer.ggml.merges", { type: GgufType.array, itemType: GgufType.string, value });
  }
  fitted.set("llama.vocab_size", { type: GgufType.u32, value: ids.length });
  writeGgufKv(out, fitted);
  return { from: tokens.length, kept: ids.length, merges };
}

function arrayOf(kv: GgufKv, key: string): (string | number)[] {
  const v = kv.get(key);
  if (!v || !("itemType" in v)) throw new Error(`the vocabulary has no ${key}`);
  return v.value as (string | number)[];
}
