import jpeg from 'jpeg-js';

/** A JPEG of a soft gradient with some texture: a few KB, like a cropped face at good quality. */
export function testJpeg(width: number, height: number, quality = 80, texture = 6): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let seed = 7;
  for (let i = 0; i < width * height; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = (seed % texture) - texture / 2;
    const x = i % width;
    const y = Math.floor(i / width);
    data[i * 4] = 120 + Math.round((x / width) * 80) + noise;
    data[i * 4 + 1] = 100 + Math.round((y / height) * 60) + noise;
    data[i * 4 + 2] = 90 + noise;
    data[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ width, height, data }, quality).data);
}

