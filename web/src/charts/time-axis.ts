/** A time axis in milliseconds: ticks on whole years (or months for short ranges). */

export const ms = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

export function timeTicks(from: number, to: number): number[] {
  const start = new Date(from);
  const end = new Date(to);
  const years = end.getUTCFullYear() - start.getUTCFullYear();
  const ticks: number[] = [];
  if (years >= 2) {
    for (let y = start.getUTCFullYear(); y <= end.getUTCFullYear(); y++) {
      const t = Date.UTC(y, 0, 1);
      if (t >= from && t <= to) ticks.push(t);
    }
    return ticks;
  }
  const months = years * 12 + end.getUTCMonth() - start.getUTCMonth();
  const every = months > 12 ? 3 : months > 6 ? 2 : 1;
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m += every) {
    const t = Date.UTC(y, m, 1);
    if (t > to) break;
    if (t >= from) ticks.push(t);
  }
  return ticks;
}

/** Tick labels: the year alone on yearly ticks, else the short month and year. */
export function tickFormatter(monthTick: (time: number) => string, ticks: readonly number[]) {
  const yearly = ticks.every((t) => new Date(t).getUTCMonth() === 0) && ticks.length > 1;
  return (t: number) => (yearly ? String(new Date(t).getUTCFullYear()) : monthTick(t));
}
