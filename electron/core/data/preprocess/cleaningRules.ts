/**
 * The explicit cleaning rules applied to every imported record. Each has a stable code that
 * appears in the import report and in `records.excluded_reason`; nothing is dropped silently.
 */
export const CLEANING_RULES = {
  no_text: "the record has no usable text in any field",
  empty_description: "the description (Описание) is empty: there is no prompt to train on",
  empty_conclusion: "the conclusion (Заключение) is empty: there is no answer to train on",
  contradictory_labels: "the conclusion names an EU-TIRADS category that no label of the description has",
} as const;

export type ExclusionReason = keyof typeof CLEANING_RULES;

/** Row-level findings that are reported but do not exclude the record. */
export const WARNING_CODES = {
  ...CLEANING_RULES,
  duplicate_record: "the same description, additional data and conclusion occur in an earlier row",
  label_without_number: "an EU-TIRADS label has no category number",
  label_out_of_range: "an EU-TIRADS label has a number outside 1–5",
  label_subcategory: "an EU-TIRADS label carries a sub-category letter that EU-TIRADS does not have",
  other_system_label: "a label of another system (ACR, K-TIRADS, Kwak, Bethesda) is kept apart from EU-TIRADS",
  unknown_label: "text that looks like a TIRADS label could not be parsed",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;
