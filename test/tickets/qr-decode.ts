/**
 * Reads a QR code back from the SVG the tickets page draws: the SVG's dark modules, then
 * the symbol itself (ISO/IEC 18004) — format, unmasking, the codewords' zigzag, the
 * blocks, the segments — independently of the library that drew it. Error correction is
 * not needed: an SVG has no damaged modules. Level M only, the level the page uses.
 */

/** Per version 1..40 at level M: error correction blocks, and EC codewords in all (ISO/IEC 18004 Table 9). */
const M_BLOCKS = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26,
  28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];
const M_EC_CODEWORDS = [
  10, 16, 26, 36, 48, 64, 72, 88, 110, 130, 150, 176, 198, 216, 240, 280, 308, 338, 364, 416, 442,
  476, 504, 560, 588, 644, 700, 728, 784, 812, 868, 924, 980, 1036, 1064, 1120, 1204, 1260, 1316,
  1372,
];
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

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

const alignmentCenters = (version: number): number[] => {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = version * 4 + 17;
  const step = size === 145 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2;
  const centers = [size - 7];
  for (let i = 1; i < count - 1; i++) centers.push((centers[i - 1] as number) - step);
  centers.push(6);
  return centers.reverse();
};

/** Finder patterns, separators, format and version areas, timing and alignment patterns. */
const functionModules = (version: number, size: number) => {
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const mark = (r0: number, c0: number, rows: number, cols: number) => {
    for (let r = r0; r < r0 + rows; r++)
      for (let c = c0; c < c0 + cols; c++) (reserved[r] as boolean[])[c] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  const centers = alignmentCenters(version);
  for (const r of centers) {
    for (const c of centers) {
      const onFinder =
        (r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6);
      if (!onFinder) mark(r - 2, c - 2, 5, 5);
    }
  }
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  return reserved;
};

const MASKS: ((i: number, j: number) => boolean)[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

class Bits {
  private at = 0;
  constructor(private readonly bytes: number[]) {}
  get left() {
    return this.bytes.length * 8 - this.at;
  }
  read(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++, this.at++) {
      value = (value << 1) | (((this.bytes[this.at >> 3] as number) >> (7 - (this.at & 7))) & 1);
    }
    return value;
  }
}

export const decodeQrSvg = (svg: string): string => {
  const grid = modulesOf(svg);
  const size = grid.length;
  const version = (size - 17) / 4;
  const dark = (r: number, c: number) => (grid[r] as boolean[])[c] === true;

  // Format information, its copy beside the top-left finder along column 8.
  let format = 0;
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    if (dark(row, 8)) format |= 1 << i;
  }
  const info = (format ^ 0x5412) >> 10;
  if (info >> 3 !== 0) throw new Error("not error correction level M");
  const mask = MASKS[info & 7] as (typeof MASKS)[number];

  const reserved = functionModules(version, size);
  const bits: number[] = [];
  let upward = true;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (let k = 0; k < size; k++) {
      const row = upward ? size - 1 - k : k;
      for (const c of [col, col - 1]) {
        if ((reserved[row] as boolean[])[c]) continue;
        bits.push(Number(dark(row, c) !== mask(row, c)));
      }
    }
    upward = !upward;
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) {
    codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }

  // Data codewords were interleaved across the blocks, the shorter blocks first.
  const blocks = M_BLOCKS[version - 1] as number;
  const dataTotal = codewords.length - (M_EC_CODEWORDS[version - 1] as number);
  const shortLength = Math.floor(dataTotal / blocks);
  const longBlocks = dataTotal % blocks;
  const lengths = Array.from({ length: blocks }, (_, b) =>
    b < blocks - longBlocks ? shortLength : shortLength + 1,
  );
  const data: number[][] = lengths.map(() => []);
  let next = 0;
  for (let i = 0; i <= shortLength; i++) {
    for (let b = 0; b < blocks; b++) {
      if (i < (lengths[b] as number)) (data[b] as number[]).push(codewords[next++] as number);
    }
  }

  const stream = new Bits(data.flat());
  const countBits = (small: number, medium: number, large: number) =>
    version < 10 ? small : version < 27 ? medium : large;
  const out: number[] = [];
  while (stream.left >= 4) {
    const mode = stream.read(4);
    if (mode === 0) break;
    if (mode === 0b0100) {
      const count = stream.read(countBits(8, 16, 16));
      for (let i = 0; i < count; i++) out.push(stream.read(8));
    } else if (mode === 0b0010) {
      let count = stream.read(countBits(9, 11, 13));
      for (; count >= 2; count -= 2) {
        const pair = stream.read(11);
        out.push(
          ALPHANUMERIC.charCodeAt(Math.floor(pair / 45)),
          ALPHANUMERIC.charCodeAt(pair % 45),
        );
      }
      if (count === 1) out.push(ALPHANUMERIC.charCodeAt(stream.read(6)));
    } else if (mode === 0b0001) {
      let count = stream.read(countBits(10, 12, 14));
      for (; count >= 3; count -= 3) {
        for (const ch of String(stream.read(10)).padStart(3, "0")) out.push(ch.charCodeAt(0));
      }
      if (count > 0) {
        const digits = String(stream.read(count === 2 ? 7 : 4)).padStart(count, "0");
        for (const ch of digits) out.push(ch.charCodeAt(0));
      }
    } else {
      throw new Error(`unexpected segment mode ${mode}`);
    }
  }
  return new TextDecoder().decode(new Uint8Array(out));
};
