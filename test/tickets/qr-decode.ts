import jsQR from "jsqr";

/**
 * Reads a QR code back from the SVG the tickets page draws, as a phone's camera would: the
 * SVG's dark modules are painted into a bitmap (4 pixels a module, a 4-module quiet zone),
 * and jsQR, which knows nothing of the library that drew them, decodes the bitmap.
 */

/** The dark modules of qrcode's SVG: one path of `M x y.5`, `m dx dy` and `h n` runs. */
const modulesOf = (svg: string): boolean[][] => {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="[^"]*" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const grid = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (op === "M") [x, y] = [n, Number(b)];
    else if (op === "m") [x, y] = [x + n, y + Number(b)];
    else {
      for (let i = 0; i < n; i++) (grid[Math.floor(y)] as boolean[])[x + i] = true;
      x += n;
    }
  }
  // The quiet zone is the margin around the symbol: the finder's corner is the first dark module.
  const margin = grid.findIndex((row) => row.some(Boolean));
  const inner = size - 2 * margin;
  return grid.slice(margin, margin + inner).map((row) => row.slice(margin, margin + inner));
};

const SCALE = 4;
const QUIET = 4;

/** The grid as RGBA pixels: black modules on white, with the quiet zone a scanner needs. */
const bitmapOf = (grid: boolean[][]) => {
  const side = (grid.length + 2 * QUIET) * SCALE;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [r, row] of grid.entries()) {
    for (const [c, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < SCALE; dy++) {
        const at = (((r + QUIET) * SCALE + dy) * side + (c + QUIET) * SCALE) * 4;
        for (let dx = 0; dx < SCALE; dx++) pixels.fill(0, at + dx * 4, at + dx * 4 + 3);
      }
    }
  }
  return { pixels, side };
};

export const decodeQrSvg = (svg: string): string => {
  const { pixels, side } = bitmapOf(modulesOf(svg));
  const code = jsQR(pixels, side, side, { inversionAttempts: "dontInvert" });
  if (!code) throw new Error("jsQR found no QR code in the SVG");
  return code.data;
};
