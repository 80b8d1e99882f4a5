/** Calm, distinguishable colours (Okabe–Ito, colour-blind safe), and a translucent variant for bands. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31", "#444444"];

export function colour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export function translucent(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
