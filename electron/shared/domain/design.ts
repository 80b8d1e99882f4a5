import { z } from "zod";
import type { Design } from "./study";

/**
 * A design as a typed value: its kind and its parameters. The planner, the job params and the
 * results carry this value; the text form ("recursive", "real-fraction@0.5") exists only as the
 * stored key of a series (metric points, generations) and is made and read here alone.
 */
export const StudyDesignSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("recursive") }),
  z.strictObject({ kind: z.literal("cross") }),
  z.strictObject({ kind: z.literal("accumulate") }),
  z.strictObject({ kind: z.literal("accumulate-subsample") }),
  z.strictObject({ kind: z.literal("real-fraction"), realFraction: z.number().min(0).max(1) }),
]);
export type StudyDesign = z.infer<typeof StudyDesignSchema>;

/** What a metric point measures: a design's generation, or the real data itself (generation 0). */
export const MeasuredDesignSchema = z.union([StudyDesignSchema, z.strictObject({ kind: z.literal("real") })]);
export type MeasuredDesign = z.infer<typeof MeasuredDesignSchema>;
export type MeasuredDesignKind = MeasuredDesign["kind"];

export const REAL_DATA: MeasuredDesign = { kind: "real" };

/** The stored key of a series: the kind, and for real-fraction its fraction ("real-fraction@0.5"). */
export function designKey(design: MeasuredDesign): string {
  return design.kind === "real-fraction" ? `${design.kind}@${design.realFraction}` : design.kind;
}

/** Reads a stored key back; a key this build does not know is an error naming it. */
export function parseDesignKey(key: string): MeasuredDesign {
  const at = key.indexOf("@");
  const kind = at < 0 ? key : key.slice(0, at);
  const fraction = key.slice(at + 1);
  const value = kind === "real-fraction" ? { kind, realFraction: fraction === "" ? NaN : Number(fraction) } : { kind };
  const parsed = MeasuredDesignSchema.safeParse(at < 0 || kind === "real-fraction" ? value : null);
  if (!parsed.success) throw new Error(`unknown design "${key}"`);
  return parsed.data;
}

/** The designs a study's settings expand to: real-fraction once per fraction of its sweep. */
export function designsOf(spec: { designs: readonly Design[]; realFractions: readonly number[] }): StudyDesign[] {
  return spec.designs.flatMap((kind): StudyDesign[] =>
    kind === "real-fraction" ? spec.realFractions.map((realFraction) => ({ kind, realFraction })) : [{ kind }],
  );
}
