/** The texts one generation is measured on; `real[i]` and `descriptions[i]` belong to the prompt of `outputs[i]`. */
export type GenerationTexts = {
  outputs: readonly string[];
  /** the real conclusion of each output's prompt */
  real: readonly string[];
  /** the description of each output's prompt (tirads_agreement); absent: the metric is null */
  descriptions?: readonly string[] | null;
  /** generation 1's outputs of the same model and seed: the fixed reference of kl_unigram_vs_m1 */
  m1?: readonly string[] | null;
};

/** A share, or null when there is nothing to take it of. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
