import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseStudySpec, type StudySpec } from "../../shared/domain/study";

/** Reads a study description (.yaml, .yml or .json) and validates it; errors name the file and field. */
export function readStudyFile(file: string): { spec: StudySpec; source: string } {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read study file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { spec: parseStudySource(source, basename(file)), source };
}

export function parseStudySource(source: string, name: string): StudySpec {
  let value: unknown;
  try {
    value = name.endsWith(".json") ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    throw new Error(`${name}: not valid ${name.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`);
  }
  return parseStudySpec(value, name);
}
