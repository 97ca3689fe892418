// Small text helpers for messages about many functions: short lists that say how many were left out.

/** `A, B, C` or `A, B, C and 7 more` when there are more than `max` names. */
export function nameList(names: string[], max = 6): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** A chain `A → B → C`, with the middle elided (`A → B → … → Y → Z`) when it is longer than `max` names. */
export function chainText(names: string[], max = 12): string {
  if (names.length <= max) return names.join(' → ');
  const half = Math.floor(max / 2);
  return [...names.slice(0, half), '…', ...names.slice(names.length - half)].join(' → ');
}
