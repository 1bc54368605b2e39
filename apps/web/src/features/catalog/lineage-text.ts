/**
 * Text measured without a browser, so the layout can be computed (and unit tested) before anything
 * is drawn. Widths are deliberately generous estimates for a 12 px system sans-serif: a box sized
 * from them never clips its text.
 */
export const LINEAGE_TEXT = { fontSize: 12, lineHeight: 16, latinWidth: 7.2, wideWidth: 12.5, boldFactor: 1.12 };

// CJK and full-width characters take about a full em
const isWide = (ch: string) => (ch.codePointAt(0) ?? 0) >= 0x2e80;

/** Headings are drawn bold, which a browser draws wider. */
export function textWidth(text: string, bold = false): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? LINEAGE_TEXT.wideWidth : LINEAGE_TEXT.latinWidth;
  return bold ? width * LINEAGE_TEXT.boldFactor : width;
}

/** Breaks after spaces and commas where it can, inside a word where it must; ends with … when cut short. */
export function wrapText(text: string, maxWidth: number, maxLines: number, bold = false): string[] {
  const width = (t: string) => textWidth(t, bold);
  const pieces = text.split(/(?<=[\s,，、])/u).flatMap((piece) => (width(piece.trimEnd()) <= maxWidth ? [piece] : [...piece]));
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line.trim() && width(line + piece.trimEnd()) > maxWidth) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = [...(kept[maxLines - 1] ?? '')];
  while (last.length > 0 && width(`${last.join('')}…`) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join('').trimEnd()}…`;
  return kept;
}
