import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureRenderer } from "./support/buildRenderer";
import { startServe, type Served } from "./support/labServe";

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request, so the test controls every header (Host and Origin included). */
function http(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("lab serve: loopback only, token on every API call, no CORS, strict CSP", () => {
  let dir: string;
  let served: Served;
  let host: string;
  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    http(served.port, `/api/${channel}`, {
      method: "POST",
      headers: { host, "content-type": "application/json", "x-lab-token": served.token, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "collapse-lab-e2e-serve-"));
    served = await startServe(join(dir, "workspace.sqlite"), await ensureRenderer());
    host = `127.0.0.1:${served.port}`;
  });

  afterAll(async () => {
    expect(await served?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  test("prints a 127.0.0.1 URL with a random port and the token in the fragment", () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    expect(served.port).toBeGreaterThan(0);
  });

  test("an API call with the token works; without it or with a wrong one it is refused", async () => {
    const ok = await api("datasets.list", {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: [] });
    for (const token of [undefined, "", served.token.slice(1), served.token + "x"]) {
      const headers: Record<string, string> = { host, "content-type": "application/json" };
      if (token !== undefined) headers["x-lab-token"] = token;
      const r = await http(served.port, "/api/datasets.list", { method: "POST", headers, body: "{}" });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe("forbidden");
    }
    expect((await http(served.port, "/api/events", { headers: { host } })).status).toBe(401);
  });

  test("bad arguments come back as an envelope naming the field", async () => {
    const r = JSON.parse((await api("records.list", { datasetId: "one" })).body);
    expect(r).toEqual({ ok: false, error: { code: "invalid-argument", message: "records.list: datasetId: expected number, got string", field: "datasetId" } });
    expect(JSON.parse((await api("fs.read", {})).body).error.message).toContain('unknown API channel "fs.read"');
    const notJson = await http(served.port, "/api/app.info", {
      method: "POST",
      headers: { host, "content-type": "application/json", "x-lab-token": served.token },
      body: "{oops",
    });
    expect(notJson.status).toBe(400);
  });

  test("another origin or host name is refused, and no CORS header is ever sent", async () => {
    const foreign = await api("datasets.list", {}, { origin: "http://127.0.0.1:9999" });
    expect(foreign.status).toBe(403);
    const rebinding = await http(served.port, "/", { headers: { host: "evil.example:80" } });
    expect(rebinding.status).toBe(403);
    const preflight = await http(served.port, "/api/datasets.list", {
      method: "OPTIONS",
      headers: { host, origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    for (const r of [foreign, rebinding, preflight, await api("app.info", {})]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    }
    expect(preflight.status).not.toBe(204);
  });

  test("API calls are JSON POSTs only", async () => {
    expect((await http(served.port, "/api/datasets.list", { headers: { host, "x-lab-token": served.token } })).status).toBe(405);
    expect(
      (
        await http(served.port, "/api/datasets.list", {
          method: "POST",
          headers: { host, "x-lab-token": served.token, "content-type": "text/plain" },
          body: "{}",
        })
      ).status,
    ).toBe(415);
  });

  test("the page comes with a strict CSP and safe headers; nothing outside the renderer folder is served", async () => {
    const page = await http(served.port, "/", { headers: { host } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    // "%2f" survives the URL parser (a "%2e%2e/" would be normalised away before the folder guard
    // is reached), so only the guard stands between this path and /etc/passwd: the answer must be
    // the window's own page, as for any path that is not a file of the renderer
    const traversal = await http(served.port, "/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", { headers: { host } });
    expect(traversal.status).toBe(200);
    expect(traversal.body).not.toContain("root:");
    expect(traversal.body).toBe(page.body);
  });
});
