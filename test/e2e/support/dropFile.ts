import type { Locator } from "playwright-core";

/** Drops a file onto an element the way a file manager does: dragenter, dragover, drop with a DataTransfer holding it. */
export async function dropFile(target: Locator, name: string, bytes: Buffer, type = "text/csv"): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle(
    ({ name, base64, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { name, base64: bytes.toString("base64"), type },
  );
  for (const event of ["dragenter", "dragover", "drop"]) await target.dispatchEvent(event, { dataTransfer });
  await dataTransfer.dispose();
}
