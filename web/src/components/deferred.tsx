/**
 * Draws its children a moment after the page's first paint, one deferred block after the
 * other with a paint in between, so that the first chart shows while the later ones are
 * still being drawn (drawing a chart takes the main thread for a while).
 */
import { type ReactNode, useEffect, useState } from "react";

let queue: Promise<void> = Promise.resolve();

/** Resolves after the next paint (or a short wait where frames are paused, as in hidden tabs). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    const timer = setTimeout(done, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      done();
    });
  });
}

export function Deferred({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    queue = queue
      .then(afterPaint)
      .then(() => {
        if (live) setReady(true);
      })
      .then(afterPaint);
    return () => {
      live = false;
    };
  }, []);
  return ready ? children : <div className="deferred" style={{ minHeight }} />;
}
