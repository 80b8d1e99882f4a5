/** [elements per block, bytes per block] of ggml's tensor types (ggml.c's type_traits), by GgmlType name. */
const BLOCKS: Record<string, [number, number]> = {
  F32: [1, 4],
  F16: [1, 2],
  BF16: [1, 2],
  F64: [1, 8],
  I8: [1, 1],
  I16: [1, 2],
  I32: [1, 4],
  I64: [1, 8],
  Q4_0: [32, 18],
  Q4_1: [32, 20],
  Q5_0: [32, 22],
  Q5_1: [32, 24],
  Q8_0: [32, 34],
  Q8_1: [32, 36],
  IQ4_NL: [32, 18],
  Q2_K: [256, 84],
  Q3_K: [256, 110],
  Q4_K: [256, 144],
  Q5_K: [256, 176],
  Q6_K: [256, 210],
  Q8_K: [256, 292],
  IQ2_XXS: [256, 66],
  IQ2_XS: [256, 74],
  IQ2_S: [256, 82],
  IQ3_XXS: [256, 98],
  IQ3_S: [256, 110],
  IQ1_S: [256, 50],
  IQ1_M: [256, 56],
  IQ4_XS: [256, 136],
};

/** Bytes a tensor of this type and element count holds in a GGUF; null for a type this table does not know. */
export function tensorBytes(type: string, elements: number): number | null {
  const b = BLOCKS[type];
  return b ? Math.ceil(elements / b[0]) * b[1] : null;
}
