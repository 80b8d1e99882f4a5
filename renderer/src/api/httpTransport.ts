import type { Channel } from "../../../electron/shared/api/channels";
import type { Envelope } from "../../../electron/shared/api/errors";
import type { LabEvent } from "../../../electron/shared/api/events";
import type { RawInvoke } from "../../../electron/shared/api/types";

const TOKEN_KEY = "collapse-lab.token";

/** The access token comes in the URL fragment (never sent to any server); kept for reloads of this tab only. */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function httpInvoke(token: string | null): RawInvoke {
  return async (channel: Channel, args: unknown) => {
    let response: Response;
    try {
      response = await fetch(`api/${channel}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Lab-Token": token ?? "" },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: "failed", message: "the Collapse Lab server does not answer; is `lab serve` still running?" } };
    }
    try {
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: "failed", message: `the server answered ${response.status} without a result` } };
    }
  };
}

/** Server-sent events read through fetch, so the token travels in a header like every other call. */
export function httpEvents(token: string | null, listener: (e: LabEvent) => void): () => void {
  let stopped = false;
  let controller = new AbortController();
  const connect = async () => {
    while (!stopped) {
      try {
        controller = new AbortController();
        const response = await fetch("api/events", { headers: { "X-Lab-Token": token ?? "" }, signal: controller.signal });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split("\n")
              .filter((l) => l.startsWith("data: "))
              .map((l) => l.slice(6))
              .join("\n");
            if (data) listener(JSON.parse(data) as LabEvent);
          }
        }
      } catch {
        // reconnect below
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}
