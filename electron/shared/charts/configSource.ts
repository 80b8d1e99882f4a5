/**
 * A chart.js config as JavaScript source, for a static page that draws it: JSON for the data and
 * the callbacks' own source text (they must be self-contained, see collapseChart.ts). Every "<" is
 * escaped so a text from the database cannot close the surrounding <script>.
 */
export function chartConfigSource(config: unknown): string {
  const fns: string[] = [];
  const json = JSON.stringify(config, (_key, value: unknown) => {
    if (typeof value !== "function") return value;
    fns.push(`(${String(value)})`);
    return `\u0000fn:${fns.length - 1}\u0000`;
  });
  return json.replace(/</g, "\\u003c").replace(/"\\u0000fn:(\d+)\\u0000"/g, (_m, i: string) => fns[Number(i)]!);
}
