// Rectangles collected per colour key during a frame and filled key by key, so a frame sets each
// fill style once however many rectangles it draws. Buffers are reused across frames. No React.

export class RectBatch {
  private rects: Float64Array[] = [];
  private counts: number[] = [];

  add(key: number, x: number, y: number, w: number, h: number): void {
    while (this.rects.length <= key) {
      this.rects.push(new Float64Array(256));
      this.counts.push(0);
    }
    let buf = this.rects[key];
    const n = this.counts[key];
    if ((n + 1) * 4 > buf.length) {
      const next = new Float64Array(buf.length * 2);
      next.set(buf);
      this.rects[key] = buf = next;
    }
    buf[n * 4] = x;
    buf[n * 4 + 1] = y;
    buf[n * 4 + 2] = w;
    buf[n * 4 + 3] = h;
    this.counts[key] = n + 1;
  }

  /** Fills every rectangle, key k with styles[k] (alphas[k] when given), then empties the batch. */
  flush(ctx: CanvasRenderingContext2D, styles: string[], alphas?: number[]): void {
    const baseAlpha = ctx.globalAlpha;
    for (let key = 0; key < this.rects.length; key++) {
      const n = this.counts[key];
      if (n === 0) continue;
      ctx.fillStyle = styles[key];
      ctx.globalAlpha = baseAlpha * (alphas?.[key] ?? 1);
      const buf = this.rects[key];
      for (let k = 0; k < n; k++)
        ctx.fillRect(buf[k * 4], buf[k * 4 + 1], buf[k * 4 + 2], buf[k * 4 + 3]);
      this.counts[key] = 0;
    }
    ctx.globalAlpha = baseAlpha;
  }
}
