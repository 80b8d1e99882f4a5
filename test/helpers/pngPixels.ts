import { createCanvas, loadImage } from "@napi-rs/canvas";

/**
 * What a PNG chart holds: pixels clearly darker than a white background (lines, bands, axes,
 * text), how many colours, and how many pixels are not opaque (a transparent chart shows black in
 * some viewers).
 */
export async function pngPixels(png: Buffer): Promise<{ width: number; height: number; inked: number; colours: number; transparent: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let inked = 0;
  let transparent = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! < 255) transparent++;
    else if (data[i]! < 230 || data[i + 1]! < 230 || data[i + 2]! < 230) inked++;
    colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  }
  return { width: image.width, height: image.height, inked, colours: colours.size, transparent };
}
