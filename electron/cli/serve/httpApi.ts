import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import type { OpenApi } from "../../core/api/openApi";
import { dispatch } from "../../core/api/createHandlers";
import { MAX_UPLOAD_BYTES } from "../../shared/api/contract";
import { contentSecurityPolicy } from "../../shared/security/contentSecurityPolicy";
import type { Envelope } from "../../shared/api/errors";
import type { LabEvent } from "../../shared/api/events";
import { readStaticFile } from "./staticFiles";

export const TOKEN_HEADER = "x-lab-token";
const MAX_BODY = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 64 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": contentSecurityPolicy({ connectSelf: true }),
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), usb=(), serial=()",
};

export type HttpApi = { server: Server; token: string; url: () => string; close: () => Promise<void> };

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": type, "Cache-Control": "no-store", ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(res, status, JSON.stringify(envelope), "application/json; charset=utf-8");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("the request is too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * The app over loopback HTTP: the built renderer, POST /api/<channel> and the event stream
 * GET /api/events. Every API request carries the per-launch token in the X-Lab-Token header
 * (the page gets it from the URL fragment, which browsers never send): a cross-origin page can
 * neither read it nor set that header without a CORS preflight, which this server never grants.
 */
export function createHttpApi(api: OpenApi, options: { rendererDir: string; port: number }): Promise<HttpApi> {
  const token = randomBytes(24).toString("base64url");
  const tokenBytes = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const authorised = (req: IncomingMessage) => {
    const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ""));
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };
  // DNS rebinding: only our own loopback host name reaches the app
  const rightHost = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const rightOrigin = (req: IncomingMessage) => req.headers.origin === undefined || req.headers.origin === `http://${req.headers.host}`;

  const onEvent = (event: LabEvent) => {
    for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  api.events.on("event", onEvent);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!rightHost(req) || !rightOrigin(req)) return send(res, 403, "forbidden", "text/plain; charset=utf-8");
    if (url.pathname.startsWith("/api/")) {
      if (!authorised(req))
        return sendJson(res, 401, {
          ok: false,
          error: { code: "forbidden", message: "this request lacks the access token; open the address printed by lab serve" },
        });
      if (url.pathname === "/api/events" && req.method === "GET") {
        res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive" });
        res.write(": connected\n\n");
        streams.add(res);
        const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
        req.on("close", () => {
          clearInterval(ping);
          streams.delete(res);
        });
        return;
      }
      if (req.method !== "POST") return sendJson(res, 405, { ok: false, error: { code: "invalid-argument", message: "API calls are POST requests" } });
      if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
        return sendJson(res, 415, { ok: false, error: { code: "invalid-argument", message: "API calls send JSON" } });
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body ? JSON.parse(body) : {};
      } catch (error) {
        return sendJson(res, 400, {
          ok: false,
          error: { code: "invalid-argument", message: `the request body is not valid JSON: ${(error as Error).message}` },
        });
      }
      // an answer of the app, failed or not, is a 200 with its envelope; HTTP errors are for the transport only
      return sendJson(res, 200, await dispatch(api.handlers, url.pathname.slice("/api/".length), args));
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed", "text/plain; charset=utf-8");
    const file =
      (await readStaticFile(options.rendererDir, url.pathname === "/" ? "index.html" : url.pathname)) ??
      (await readStaticFile(options.rendererDir, "index.html"));
    if (!file) return send(res, 404, "not found", "text/plain; charset=utf-8");
    return send(res, 200, file.body, file.type, url.pathname.startsWith("/assets/") ? { "Cache-Control": "no-cache" } : {});
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      const address = server.address();
      port = typeof address === "object" && address ? address.port : options.port;
      resolve({
        server,
        token,
        url: () => `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            api.events.off("event", onEvent);
            for (const res of streams) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export const defaultRendererDir = () => join(new URL(".", import.meta.url).pathname, "..", "..", "..", "dist", "renderer");
