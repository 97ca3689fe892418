// Picks the fact extractor for a source file by its language.
import type { CodeFacts } from '../model/types';
import { extractJsFacts } from './jsFacts';
import { extractPythonFacts } from './pyFacts';

const JS_FILE = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

/** Whether the file is source code the core extracts facts from. */
export function isCodeFile(path: string): boolean {
  return JS_FILE.test(path) || /\.py$/i.test(path);
}

/** Facts of a JavaScript, TypeScript or Python file. */
export function extractCodeFacts(path: string, text: string): CodeFacts {
  return /\.py$/i.test(path) ? extractPythonFacts(path, text) : extractJsFacts(path, text);
}
