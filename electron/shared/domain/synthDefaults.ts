/** The embedded default dataset: the seeded synthetic corpus at the paper's size. */
export const DEFAULT_SYNTH = { records: 7286, seed: 42 } as const;

/** The seed of the stratified 70/15/15 split made after an import, unless a caller chooses another. */
export const DEFAULT_SPLIT_SEED = 42;
