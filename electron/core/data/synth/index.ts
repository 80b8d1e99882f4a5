export { generateCorpus, DEFAULT_SYNTH, type SynthReport, type SynthOptions } from "./generateCorpus";
export { reportsToCsv } from "./toCsv";
export { DEFAULT_CATEGORY_MIX, type CategoryMix } from "./nodule";
