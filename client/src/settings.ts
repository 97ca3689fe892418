// Reads the `samAtlas.*` settings that the language server needs at start-up.
import * as vscode from 'vscode';

/** The settings sent to the server as `initializationOptions` (the `samAtlas` configuration section). */
export interface SamAtlasSettings {
  /** Files larger than this many kilobytes are not analysed. */
  maxFileSizeKb: number;
  /** Glob patterns of workspace paths the index skips. */
  exclude: string[];
}

/** The configuration section that holds every SAM Atlas setting. */
export const configurationSection = 'samAtlas';

const defaultMaxFileSizeKb = 5120;

/** Reads the current settings, replacing values of the wrong type with the defaults. */
export function readSettings(): SamAtlasSettings {
  const configuration = vscode.workspace.getConfiguration(configurationSection);
  const maxFileSizeKb = configuration.get<unknown>('maxFileSizeKb');
  const exclude = configuration.get<unknown>('exclude');
  return {
    maxFileSizeKb: typeof maxFileSizeKb === 'number' && maxFileSizeKb > 0 ? maxFileSizeKb : defaultMaxFileSizeKb,
    exclude: Array.isArray(exclude) ? exclude.filter((glob): glob is string => typeof glob === 'string') : [],
  };
}
