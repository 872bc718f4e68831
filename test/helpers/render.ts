import { createCanvas } from '@napi-rs/canvas';
import { registerFonts } from '../fixtures/fonts';

/** A PNG of black text on white paper: each line drawn at its own baseline position, in one font. */
export function textPage(width: number, height: number, font: string, lines: Array<{ text: string; x: number; y: number }>): Buffer {
  registerFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = font;
  for (const l of lines) ctx.fillText(l.text, l.x, l.y);
  return canvas.toBuffer('image/png');
}
