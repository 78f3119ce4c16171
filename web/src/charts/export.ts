/**
 * Downloads of what a chart shows: its data as CSV (UTF-8 with a byte-order mark, so that
 * spreadsheet programs read Cyrillic right) and its picture as SVG or PNG. The picture is
 * the chart's own SVG with the title and the legend drawn into it, so that it stands alone.
 */

export interface CsvColumn<Row> {
  key: string;
  label: string;
  value?: (row: Row) => string | number | null | undefined;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => cell(c.label)).join(",")];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => cell(c.value ? c.value(row) : (row as Record<string, unknown>)[c.key]))
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(name: string, csv: string): void {
  download(`${name}.csv`, new Blob([csv], { type: "text/csv;charset=utf-8" }));
}

export type LegendShape =
  | "line"
  | "dashed"
  | "dotted"
  | "band"
  | "dot"
  | "diamond"
  | "up"
  | "down"
  | "bar";

export interface LegendEntry {
  label: string;
  color: string;
  /** The mark the chart uses for it (default: a filled square). */
  shape?: LegendShape;
}

/** The SVG markup of a legend mark in an 18 × 14 box at (x, y). */
function swatchMarkup(shape: LegendShape, color: string): string {
  switch (shape) {
    case "line":
      return `<line x1="1" y1="7" x2="17" y2="7" stroke="${color}" stroke-width="3"/>`;
    case "dashed":
      return `<line x1="1" y1="7" x2="17" y2="7" stroke="${color}" stroke-width="2.5" stroke-dasharray="5 3"/>`;
    case "dotted":
      return `<line x1="9" y1="0" x2="9" y2="14" stroke="${color}" stroke-width="2" stroke-dasharray="3 2"/>`;
    case "band":
      return `<rect x="1" y="2" width="16" height="10" fill="${color}" fill-opacity="0.35"/>`;
    case "dot":
      return `<circle cx="9" cy="7" r="4.5" fill="${color}"/>`;
    case "diamond":
      return `<path d="M9,1L15,7L9,13L3,7Z" fill="#fff" stroke="${color}" stroke-width="2"/>`;
    case "up":
      return `<path d="M9,1L16,13L2,13Z" fill="#fff" stroke="${color}" stroke-width="2"/>`;
    case "down":
      return `<path d="M9,13L16,1L2,1Z" fill="#fff" stroke="${color}" stroke-width="2"/>`;
    default:
      return `<rect x="2" y="1" width="14" height="12" fill="${color}"/>`;
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

function svgText(x: number, y: number, text: string, size: number, weight = "normal") {
  const node = document.createElementNS(SVG_NS, "text");
  node.setAttribute("x", String(x));
  node.setAttribute("y", String(y));
  node.setAttribute("font-size", String(size));
  node.setAttribute("font-weight", weight);
  node.setAttribute("fill", "#1a1a1a");
  node.textContent = text;
  return node;
}

/** A standalone SVG document of the chart inside `container`, with title and legend. */
export function chartSvg(
  container: HTMLElement,
  title: string,
  legend: readonly LegendEntry[],
  note: string,
): { text: string; width: number; height: number } {
  const chart = container.querySelector<SVGSVGElement>(".recharts-wrapper > svg, svg.chart-svg");
  if (!chart) throw new Error("no chart to export");
  const box = chart.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const chartHeight = Math.ceil(box.height);
  const perRow = Math.max(1, Math.floor(width / 240));
  const legendRows = Math.ceil(legend.length / perRow);
  const top = 34;
  const height = top + chartHeight + legendRows * 20 + 28;

  const root = document.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("font-family", FONT);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  root.append(background, svgText(8, 22, title, 16, "bold"));

  const body = chart.cloneNode(true) as SVGSVGElement;
  body.setAttribute("x", "0");
  body.setAttribute("y", String(top));
  body.setAttribute("width", String(width));
  body.setAttribute("height", String(chartHeight));
  body.removeAttribute("style");
  body.removeAttribute("class");
  root.append(body);

  legend.forEach((entry, i) => {
    const x = 8 + (i % perRow) * 240;
    const y = top + chartHeight + 8 + Math.floor(i / perRow) * 20;
    const swatch = document.createElementNS(SVG_NS, "g");
    swatch.setAttribute("transform", `translate(${x},${y - 1})`);
    swatch.innerHTML = swatchMarkup(entry.shape ?? "bar", entry.color);
    root.append(swatch, svgText(x + 22, y + 11, entry.label, 12));
  });
  root.append(svgText(8, height - 8, note, 11));
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

export function downloadSvg(name: string, svg: string): void {
  download(`${name}.svg`, new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
}

/** Draws the SVG on a canvas at twice its size and downloads it as PNG. */
export async function downloadPng(
  name: string,
  svg: { text: string; width: number; height: number },
): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    image.width = svg.width;
    image.height = svg.height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = svg.width * 2;
    canvas.height = svg.height * 2;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    context.scale(2, 2);
    context.drawImage(image, 0, 0, svg.width, svg.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("the image could not be made");
    download(`${name}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}
