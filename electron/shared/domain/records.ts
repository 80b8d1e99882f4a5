/** A report as it is imported, before any normalisation. */
export type RawReport = {
  sourceId: string | null;
  description: string;
  additional: string | null;
  conclusion: string;
};

export type SplitName = "train" | "val" | "test";
