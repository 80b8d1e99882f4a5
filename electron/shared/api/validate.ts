import type { z } from "zod";
import { contract, type ParsedRequestOf } from "./contract";
import { isChannel, type Channel } from "./channels";
import { ApiError } from "./errors";

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function describe(issue: z.core.$ZodIssue, args: unknown): string {
  if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type") {
    const got = valueAt(args, issue.path);
    if (got === undefined) return `is required (${issue.expected})`;
    return `expected ${issue.expected}, got ${got === null ? "null" : Array.isArray(got) ? "array" : typeof got}`;
  }
  return issue.message;
}

/**
 * Validates one call's argument against the contract; the error names the channel and every
 * offending field, e.g. `records.list: limit: Too big: expected number to be <=200`.
 */
export function validateRequest<C extends Channel>(channel: C, args: unknown): ParsedRequestOf<C> {
  if (!isChannel(channel)) throw new ApiError("invalid-argument", `unknown channel "${String(channel)}"`);
  const result = (contract[channel].request as z.ZodType).safeParse(args === undefined ? {} : args);
  if (result.success) return result.data as ParsedRequestOf<C>;
  const issues = result.error.issues;
  const first = issues[0];
  const message = issues.map((i) => `${pathOf(i.path) || "(argument)"}: ${describe(i, args)}`).join("; ");
  throw new ApiError("invalid-argument", `${channel}: ${message}`, first ? pathOf(first.path) || undefined : undefined);
}
