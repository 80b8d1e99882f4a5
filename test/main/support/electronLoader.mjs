// `node --import` this: every import of "electron" gets the stand-in.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  if (specifier === "electron") return { url: ${JSON.stringify(new globalThis.URL("./electronStandIn.cjs", import.meta.url).href)}, shortCircuit: true };
  return next(specifier, context);
}`),
);
