// Questions about IAM actions answered from the IAM reference data: is it a write, can it be scoped to a resource, what is close to a typo.
import { actionExists, actionInfo, actionsForService, iamDataAvailable, packageIamDataSource, serviceExists } from '../iam/iamData';
import { expandActionPattern } from '../iam/match';

/** Resource types of an action in the data's per-service records (read from the same package as `iamData.ts`). */
interface ResourceTypeRecord {
  name: string;
  required?: boolean;
}

const source = packageIamDataSource();
const resourceTypeCache = new Map<string, ResourceTypeRecord[] | null>();

/** The actions a pattern stands for (itself when it has no wildcard). */
export function actionsOfPattern(pattern: string): string[] {
  return /[*?]/.test(pattern) ? expandActionPattern(pattern) : [pattern];
}

/** Whether the data says the action writes (access level Write, Permissions management or Tagging). */
export function isWriteAction(action: string): boolean {
  const level = actionInfo(action)?.accessLevel ?? '';
  return /Write|Permissions management|Tagging/.test(level);
}

/** Whether the action can be limited to specific resources (it has a required resource type); false when unknown. */
export function isResourceScoped(action: string): boolean {
  const colon = action.indexOf(':');
  if (colon < 0) return false;
  const key = action.toLowerCase();
  let types = resourceTypeCache.get(key);
  if (types === undefined) {
    try {
      const record = source.serviceActions(action.slice(0, colon).toLowerCase())?.[action.slice(colon + 1).toLowerCase()] as { resourceTypes?: ResourceTypeRecord[] } | undefined;
      types = Array.isArray(record?.resourceTypes) ? record.resourceTypes : null;
    } catch {
      types = null;
    }
    resourceTypeCache.set(key, types);
  }
  return !!types && types.some((type) => type.required);
}

/** Why an action string is not a real IAM action, or undefined when it is one (or the data is unavailable). */
export function unknownActionReason(action: string): string | undefined {
  if (!iamDataAvailable() || /^\*+$/.test(action)) return undefined;
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return 'an action is written service:Action';
  const service = action.slice(0, colon);
  if (!/[*?]/.test(service) && !serviceExists(service)) return `no AWS service has the IAM prefix "${service}"`;
  if (/[*?]/.test(action)) return expandActionPattern(action).length ? undefined : 'the wildcard matches no action';
  if (actionExists(action)) return undefined;
  const close = closestAction(service, action.slice(colon + 1));
  return `${service} has no action "${action.slice(colon + 1)}"${close ? `; did you mean ${service}:${close}?` : ''}`;
}

/** The action of a service whose name is closest to `name` (a small edit distance), if any. */
function closestAction(service: string, name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of actionsForService(service)) {
    const distance = editDistance(candidate.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 5)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
