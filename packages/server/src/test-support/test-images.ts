/** Images made on the fly for media tests: a photo carrying GPS, an animated GIF, a plain PNG. */
import sharp from "sharp";

/** A 64×48 photo from "NexusCam" with GPS coordinates and an EXIF rotation of 90°. */
export function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: "#c0ffee" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "NexusCam", Model: "SecretModel-1234" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Three 40×30 frames: red, green, blue. */
export async function animatedGif(): Promise<Buffer> {
  const colours = ["red", "green", "blue"];
  const frames = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: 100, loop: 0 })
    .toBuffer();
}

export function solidPng(width: number, height: number, background = "navy"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}
