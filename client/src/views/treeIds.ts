// Makes tree item IDs unique, since VS Code rejects a tree that repeats an ID (duplicate routes can).
/** Hands out IDs, adding `#2`, `#3` ... to an ID that was already given. */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  /** Returns `id`, or `id#n` when `id` was already taken n - 1 times. */
  take(id: string): string {
    const count = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, count);
    return count === 1 ? id : `${id}#${count}`;
  }
}

/** Groups items by a key, keeping the order in which keys first appear. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
