/** Five-number-and-mean summary of a list of lengths. */
export type LengthSummary = { count: number; min: number; p10: number; median: number; mean: number; p90: number; max: number };

/** The corpus report of the paper's section III, over a dataset's included records. */
export type CorpusStats = {
  datasetId: number;
  records: number;
  excluded: number;
  excludedByRule: Record<string, number>;
  missing: { description: number; additional: number; conclusion: number };
  /** lengths in word tokens (see docs/metrics.md for the token definition) */
  lengths: { description: LengthSummary; additional: LengthSummary; conclusion: LengthSummary };
  descriptionLengthHistogram: { from: number; to: number | null; count: number }[];
  labels: {
    /** records by number of EU-TIRADS labels in the description: none, one, several */
    descriptionNone: number;
    descriptionOne: number;
    descriptionSeveral: number;
    conclusionWithLabel: number;
    /** labelled nodules (description labels) per category; "null" = label without a number */
    categories: Record<string, number>;
    /** records per highest category (the split's strata) */
    maxCategory: Record<string, number>;
  };
  nodules: { total: number; perRecord: Record<string, number>; unlabelled: number };
  /** how much per-nodule splitting grows the training feature field (the paper: +8.4 %) */
  sentenceGrowth: { segments: number; descriptionWords: number; segmentWords: number; growth: number };
  topBigrams: { text: string; count: number }[];
  topTrigrams: { text: string; count: number }[];
  topConclusionBigrams: { text: string; count: number }[];
};
