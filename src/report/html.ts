/**
 * Pieces of the report page: the shell with its inline style, tables, figures with their
 * sources. No script, no external stylesheet, image or font: the file opens offline.
 */
import type { SourceRef } from "../store/analytics-source.ts";
import { escapeHtml } from "./markdown.ts";

export { escapeHtml };

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.5 Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 0; background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 40px 0 8px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
p.lead { color: #444; margin-top: 0; }
.banner { background: #fff3cd; border: 3px solid #D55E00; padding: 12px 16px; margin: 16px 0;
  font-size: 16px; }
.banner strong { color: #a33a00; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px;
  margin: 16px 0; }
.figures div { border: 1px solid #ddd; padding: 10px 12px; border-radius: 4px; }
.figures b { display: block; font-size: 22px; }
.figures span { color: #555; font-size: 13px; }
figure { margin: 16px 0 28px; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #333; border-left: 3px solid #ccc; padding-left: 10px; }
figcaption ul { margin: 4px 0; padding-left: 18px; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f2f5f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
.summary { margin: 4px 0 10px; padding-left: 18px; }
.method { font-size: 14px; }
.method h2 { border-bottom-width: 1px; }
code { background: #f3f3f3; padding: 0 3px; border-radius: 3px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
.muted { color: #666; font-size: 13px; }
@media print { .banner { break-inside: avoid; } figure { break-inside: avoid; } }
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export type Cell = string | number | null | { html: string } | { num: number | string };

function cellHtml(cell: Cell): string {
  if (cell === null) return "<td></td>";
  if (typeof cell === "number") return `<td class="n">${cell.toLocaleString("en")}</td>`;
  if (typeof cell === "string") return `<td>${escapeHtml(cell)}</td>`;
  if ("html" in cell) return `<td>${cell.html}</td>`;
  return `<td class="n">${escapeHtml(String(cell.num))}</td>`;
}

export function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return (
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map(cellHtml).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** "Title, Publisher (date) — url" with a link when there is a URL. */
export function sourceHtml(source: SourceRef | undefined, id: string): string {
  if (source === undefined) return `${escapeHtml(id)} (source not found)`;
  const who = [source.publisher, source.published].filter(Boolean).join(", ");
  const title = escapeHtml(source.title) + (who ? ` — ${escapeHtml(who)}` : "");
  const link = source.url
    ? ` <a href="${escapeHtml(source.url)}">${escapeHtml(source.url)}</a>`
    : "";
  return `[${escapeHtml(id)}] ${title}${link}`;
}

/** A figure: the chart, what it shows, and every source behind it. */
export function figure(
  svg: string,
  caption: string,
  sourceIds: Iterable<string>,
  sources: Record<string, SourceRef>,
  extraSources: readonly string[] = [],
): string {
  const ids = [...new Set(sourceIds)].sort();
  const items = [
    ...extraSources.map((text) => `<li>${text}</li>`),
    ...ids.map((id) => `<li>${sourceHtml(sources[id], id)}</li>`),
  ];
  return `<figure>${svg}<figcaption><p>${caption}</p><b>Sources:</b><ul>${items.join("")}</ul></figcaption></figure>`;
}

export function sourceList(
  title: string,
  sourceIds: Iterable<string>,
  sources: Record<string, SourceRef>,
  extra: readonly string[] = [],
): string {
  const ids = [...new Set(sourceIds)].sort();
  const items = [
    ...extra.map((text) => `<li>${text}</li>`),
    ...ids.map((id) => `<li>${sourceHtml(sources[id], id)}</li>`),
  ];
  return `<p class="muted"><b>${escapeHtml(title)}</b></p><ul class="muted">${items.join("")}</ul>`;
}
