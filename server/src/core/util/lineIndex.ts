// Line bookkeeping for files held as text: offsets of line starts and offset <-> line/character conversion.

/** Offsets at which each line of `text` starts (line 0 starts at 0). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Zero-based line and UTF-16 character of an offset. */
export function offsetToPosition(lineStarts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: Math.max(0, offset - lineStarts[low]) };
}

/** Offset of a zero-based line and character, clamped to the known lines. */
export function positionToOffset(lineStarts: number[], line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= lineStarts.length) return lineStarts[lineStarts.length - 1] + character;
  return lineStarts[line] + character;
}
