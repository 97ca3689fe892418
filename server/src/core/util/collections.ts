// Small collection helpers shared by the core's indexes.

/** Appends `value` to the list `map` keeps under `key` (in place: building an index stays linear however large a group is). */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
