/** Which risk-stratification system a label belongs to. Only "EU" labels feed EU-TIRADS fields. */
export type LabelSystem = "EU" | "ACR" | "K" | "other" | "Bethesda";

export type LabelFlag =
  | "subcategory_dropped" // 4a / 4b / 4А on an EU or unspecified label: letter dropped, number kept
  | "out_of_range" // a number outside 1–5: category null
  | "range_nonadjacent" // e.g. 2-5: endpoints kept
  | "missing_number" // the name with no number in reach
  | "roman" // written as a Roman numeral
  | "no_eu_prefix" // TI-RADS / ТИРАДС without EU (treated as EU by policy)
  | "homoglyphs" // Cyrillic look-alike letters inside the name
  | "keyboard_layout"; // typed on the Russian layout (ЕШКФВЫ)

/** One label occurrence in a text; offsets index the original (not normalised) string. */
export type LabelOccurrence = {
  start: number;
  end: number;
  raw: string;
  system: LabelSystem;
  /** EU categories in order (a range or enumeration gives two); null where no usable number. Empty for other systems. */
  categories: (number | null)[];
  flags: LabelFlag[];
};

export type Lobe = "right" | "left" | "isthmus";

/** One nodule segment of a description: from the end of the previous label up to and including its label. */
export type NoduleSegment = {
  index: number;
  start: number;
  end: number;
  text: string;
  /** EU-TIRADS categories of the labels that close this segment (empty if unlabelled) */
  labels: (number | null)[];
  lobe: Lobe | null;
  /** "upper" | "middle" | "lower" or a range such as "upper-middle" */
  third: string | null;
};

export type SplitDescription = {
  /** background sentences before the first nodule (gland size, volumes, diffuse changes) */
  context: string;
  nodules: NoduleSegment[];
  /** text after the last label that belongs to no nodule (lymph nodes, parathyroid) */
  trailing: string;
};
