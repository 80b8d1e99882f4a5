import { describe, expect, it } from "vitest";
import { tinyModel } from "./tinyModel";
import { launchChromium } from "../e2e/support/browser";

describe("test tiers: a unit test that needs a native build or a browser is told how to name its file", () => {
  it("tinyModel() and launchChromium() refuse in the unit project, naming the file rule", async () => {
    expect(process.env.COLLAPSE_TEST_TIER).toBe("unit");
    await expect(tinyModel()).rejects.toThrow(
      "tinyModel() (the native trainer) needs the native tier, but this file runs in the unit project: name it *.native.test.ts",
    );
    await expect(launchChromium()).rejects.toThrow(
      "launchChromium() needs the browser tier, but this file runs in the unit project: name it *.browser.test.ts",
    );
  });
});
