/**
 * The app's Content-Security-Policy, one definition for the Electron window and `lab serve`.
 * Nothing inline, nothing remote: scripts and styles come only from the app's own files; the
 * only connection is the loopback API of `lab serve` (Electron talks through IPC: none at all).
 */
export function contentSecurityPolicy(options: { connectSelf: boolean; meta?: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${options.connectSelf ? "'self'" : "'none'"}`,
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    // a <meta> policy cannot carry frame-ancestors (browsers ignore it there, with a console error)
    ...(options.meta ? [] : ["frame-ancestors 'none'"]),
  ].join("; ");
}
