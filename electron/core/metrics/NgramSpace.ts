import { foldForWords, WordSpans } from "../../shared/text/wordTokens";
import { WordIds } from "./WordIds";
import { PairIds } from "./PairIds";

/**
 * One id space for the word n-grams of every text a generation is compared with (outputs, real
 * conclusions, generation 1), so their count vectors align. A text is tokenised once (cached by
 * its string: generation 0's outputs are the real conclusions); an n-gram is interned by the id
 * of its (n−1)-gram prefix and its last word, never as a joined string.
 */
export class NgramSpace {
  readonly words = new WordIds();
  private readonly spans = new WordSpans();
  /** longer[n − 2]: the n-grams as (prefix id, word id) pairs */
  private readonly longer: PairIds[] = [];
  private readonly tokenCache = new Map<string, Int32Array>();

  /** The word-token ids of a text (wordTokens, interned). */
  tokenIds(text: string): Int32Array {
    let ids = this.tokenCache.get(text);
    if (!ids) {
      const folded = foldForWords(text);
      const { count, offsets } = this.spans.scan(folded);
      ids = new Int32Array(count);
      for (let k = 0; k < count; k++) ids[k] = this.words.idOf(folded, offsets[2 * k]!, offsets[2 * k + 1]!);
      this.tokenCache.set(text, ids);
    }
    return ids;
  }

  /** The ids of a text's word n-grams in order (n ≥ 1; ids of each order are dense from 0). */
  gramIds(tokens: Int32Array, n: number): Int32Array {
    let grams = tokens;
    for (let order = 2; order <= n; order++) grams = this.extend(grams, tokens, order);
    return grams;
  }

  /** The n-gram ids of a text from its (n−1)-gram ids and its token ids. */
  extend(prefixes: Int32Array, tokens: Int32Array, n: number): Int32Array {
    const table = (this.longer[n - 2] ??= new PairIds());
    const next = new Int32Array(Math.max(0, prefixes.length - 1));
    for (let i = 0; i < next.length; i++) next[i] = table.idOf(prefixes[i]!, tokens[i + n - 1]!);
    return next;
  }

  /** For each n-gram id of order n ≥ 2 handed out so far, the id of its (n−1)-gram prefix. */
  prefixIds(n: number): Int32Array {
    return this.longer[n - 2]?.firstOfEach() ?? new Int32Array(0);
  }

  /** How many ids order n has handed out: the length a dense count vector of that order needs. */
  width(n: number): number {
    return n === 1 ? this.words.size : (this.longer[n - 2]?.size ?? 0);
  }
}
