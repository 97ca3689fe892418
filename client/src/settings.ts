// Reads the `samAtlas.*` settings that the language server needs at start-up.
import * as vscode from 'vscode';

/** A diagnostic severity a user may choose for a rule, or `off`. */
export type SeveritySetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** The settings sent to the server as `initializationOptions` (the `samAtlas` configuration section). */
export interface SamAtlasSettings {
  /** Files larger than this many kilobytes are not analysed. */
  maxFileSizeKb: number;
  /** Glob patterns of workspace paths the index skips. */
  exclude: string[];
  /** `call-depth`: the longest allowed chain of synchronous calls. */
  maxCallDepth: number;
  /** `fan-in`: the most synchronous callers a function may have. */
  maxFanIn: number;
  /** Per diagnostic code: a severity that replaces the rule's own, or `off`. Codes not listed keep their default. */
  diagnostics: Record<string, SeveritySetting>;
  /** Whether VS Code trusts the workspace (the server runs git only when it does). */
  trusted: boolean;
}

/** The configuration section that holds every SAM Atlas setting. */
export const configurationSection = 'samAtlas';

const defaultMaxFileSizeKb = 5120;
const defaultMaxCallDepth = 4;
const defaultMaxFanIn = 5;
const severities: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Reads the current settings, replacing values of the wrong type with the defaults. */
export function readSettings(): SamAtlasSettings {
  const configuration = vscode.workspace.getConfiguration(configurationSection);
  const maxFileSizeKb = configuration.get<unknown>('maxFileSizeKb');
  const exclude = configuration.get<unknown>('exclude');
  return {
    maxFileSizeKb: typeof maxFileSizeKb === 'number' && maxFileSizeKb > 0 ? maxFileSizeKb : defaultMaxFileSizeKb,
    exclude: Array.isArray(exclude) ? exclude.filter((glob): glob is string => typeof glob === 'string') : [],
    maxCallDepth: positiveInteger(configuration.get<unknown>('maxCallDepth')) ?? defaultMaxCallDepth,
    maxFanIn: positiveInteger(configuration.get<unknown>('maxFanIn')) ?? defaultMaxFanIn,
    diagnostics: severityOverrides(configuration.get<unknown>('diagnostics')),
    // In a workspace the user has not trusted, the server never runs git (impact of changes).
    trusted: vscode.workspace.isTrusted,
  };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The `{code: severity}` entries of a `samAtlas.diagnostics` value whose severity is one the server knows. */
function severityOverrides(value: unknown): Record<string, SeveritySetting> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, SeveritySetting> = {};
  for (const [code, severity] of Object.entries(value)) if (typeof severity === 'string' && severities.includes(severity)) out[code] = severity as SeveritySetting;
  return out;
}
