/**
 * Choose the part of a picture to keep before it is uploaded: drag or use the arrow keys to move, the slider, the
 * wheel or +/- to zoom. Apply draws the chosen square (avatars, icons) or 16:9 strip (banners) onto a canvas and hands
 * back a WebP. Animated pictures are handed back untouched, since a canvas keeps only the first frame.
 */
import { BANNER_WIDTHS } from "@nexus/protocol";
import { useEffect, useState } from "react";
import Cropper, { type Area } from "react-easy-crop";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { isAnimatedImage } from "./animated-image.js";

export type CropShape = "round" | "square" | "wide";

const MIN_ZOOM = 1;
const MAX_ZOOM = 4;
const ZOOM_STEP = 0.1;
const SQUARE_SIZE = 512;
const BANNER_WIDTH = Math.max(...BANNER_WIDTHS);
const BANNER_ASPECT = 16 / 9;

interface CropDialogProps {
  file: File;
  label: string;
  shape: CropShape;
  onApply: (file: File) => void;
  onCancel: () => void;
}

/**
 * An object URL for `file`, made and revoked inside an effect: StrictMode runs effects twice in development, and a
 * URL made once in state would be revoked by the first cleanup while still shown.
 */
function useObjectUrl(file: File): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url;
}

async function renderCrop(source: string, area: Area, shape: CropShape, name: string): Promise<File> {
  const image = new Image();
  image.src = source;
  await image.decode();
  const width = shape === "wide" ? Math.min(BANNER_WIDTH, area.width) : Math.min(SQUARE_SIZE, area.width);
  const height = shape === "wide" ? Math.round(width / BANNER_ASPECT) : width;
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw pictures.");
  context.imageSmoothingQuality = "high";
  context.drawImage(image, area.x, area.y, area.width, area.height, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/webp", 0.92));
  if (!blob) throw new Error("The picture could not be cropped.");
  const extension = blob.type === "image/webp" ? "webp" : "png";
  return new File([blob], `${name.replace(/\.[^.]*$/, "")}.${extension}`, { type: blob.type });
}

export default function CropDialog({ file, label, shape, onApply, onCancel }: CropDialogProps) {
  const source = useObjectUrl(file);
  const [animated, setAnimated] = useState<boolean | null>(null);
  const [crop, setCrop] = useState({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(MIN_ZOOM);
  const [area, setArea] = useState<Area | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void isAnimatedImage(file).then((result) => current && setAnimated(result));
    return () => {
      current = false;
    };
  }, [file]);

  const zoomBy = (step: number) => setZoom((value) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, value + step)));
  const apply = async () => {
    if (animated) return onApply(file);
    if (!area || !source) return;
    try {
      onApply(await renderCrop(source, area, shape, file.name));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The picture could not be cropped.");
    }
  };

  return (
    <Dialog open title={`Crop ${label.toLowerCase()}`} onClose={onCancel} className="crop-dialog">
      {animated ? (
        <div className="crop-animated">
          {source ? <img src={source} alt={`New ${label.toLowerCase()}`} /> : null}
          <p>Animated images are centred automatically.</p>
        </div>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: +/- zoom while the crop area (a focusable child) has focus */}
          <div
            className="crop-area"
            onKeyDown={(event) => {
              if (event.key === "+" || event.key === "=") zoomBy(ZOOM_STEP);
              else if (event.key === "-" || event.key === "_") zoomBy(-ZOOM_STEP);
            }}
          >
            <Cropper
              image={source ?? undefined}
              crop={crop}
              zoom={zoom}
              minZoom={MIN_ZOOM}
              maxZoom={MAX_ZOOM}
              aspect={shape === "wide" ? BANNER_ASPECT : 1}
              cropShape={shape === "round" ? "round" : "rect"}
              onCropChange={setCrop}
              onZoomChange={setZoom}
              onCropComplete={(_, pixels) => setArea(pixels)}
              keyboardStep={10}
              cropperProps={{ "aria-label": "Crop area: arrow keys move, + and - zoom" }}
            />
          </div>
          <label className="crop-zoom">
            Zoom
            <input
              type="range"
              min={MIN_ZOOM}
              max={MAX_ZOOM}
              step={ZOOM_STEP}
              value={zoom}
              onChange={(event) => setZoom(Number(event.target.value))}
            />
          </label>
        </>
      )}
      {error ? <p role="alert">{error}</p> : null}
      <div className="crop-actions">
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
        <Button disabled={animated === null || (!animated && !area)} onClick={() => void apply()}>
          Apply
        </Button>
      </div>
    </Dialog>
  );
}
