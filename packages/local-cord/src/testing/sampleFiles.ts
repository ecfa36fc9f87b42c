// Files whose type is known by their bytes, for tests and benchmarks of uploads.

/** A 1×1 PNG. */
export function pngBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
}

/**
 * An uncompressed 24-bit BMP of about `bytes` bytes (a square, grey): a picture of a
 * chosen size that any browser draws, for timing large uploads.
 */
export function bmpBytes(bytes: number): Uint8Array<ArrayBuffer> {
  const side = Math.max(1, Math.floor(Math.sqrt(bytes / 3)));
  const rowSize = Math.ceil((side * 3) / 4) * 4;
  const size = 54 + rowSize * side;
  const bmp = Buffer.from(new ArrayBuffer(size)).fill(0x80);
  bmp.write('BM', 0, 'ascii');
  bmp.writeUInt32LE(size, 2);
  bmp.writeUInt32LE(0, 6);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(side, 18);
  bmp.writeInt32LE(side, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.writeUInt32LE(0, 30);
  bmp.writeUInt32LE(rowSize * side, 34);
  bmp.writeInt32LE(2835, 38);
  bmp.writeInt32LE(2835, 42);
  bmp.writeUInt32LE(0, 46);
  bmp.writeUInt32LE(0, 50);
  return new Uint8Array(bmp.buffer);
}

/** The start of a Windows executable (MZ header pointing at a PE signature). */
export function exeBytes(): Uint8Array<ArrayBuffer> {
  const exe = Buffer.from(new ArrayBuffer(0x100));
  exe.write('MZ', 0, 'ascii');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'ascii');
  return new Uint8Array(exe.buffer);
}
