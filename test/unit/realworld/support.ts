// Shared helpers of the real-world regression tests: diagnostics by code as `path:line:col 'text'` lines, endpoints and handlers in short form.
import { diagnose } from '../../../server/src/core/index';
import { loadFixture, showSpan, type Fixture } from '../../support/fixture';

/** The first lines of a SAM template, indented like the fixtures that follow `#- /template.yaml${SAM_HEAD}`. */
export const SAM_HEAD = `
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31`;

/** Loads an inline workspace (see `test/support/fixture.ts`). */
export function load(text: string): Fixture {
  return loadFixture(text);
}

/** The diagnostics with one of these codes, as `path:line:col 'text' code`. */
export function diagnosticsOf(fixture: Fixture, codes: string[]): string[] {
  return diagnose(fixture.analysis)
    .filter((d) => codes.includes(d.code))
    .map((d) => `${showSpan(fixture, d.span)} ${d.code}`);
}

/** Every diagnostic code the workspace gets, sorted, with duplicates. */
export function codesOf(fixture: Fixture): string[] {
  return diagnose(fixture.analysis)
    .map((d) => d.code)
    .sort();
}

/** `Function: METHOD path` for every endpoint, sorted. */
export function endpointsOf(fixture: Fixture): string[] {
  return fixture.analysis.endpoints.map((e) => `${e.functionId.split('#')[1]}: ${e.method} ${e.path}`).sort();
}

/** `Function -> file#export` (or the resolution status) for every function, in template order. */
export function handlersOf(fixture: Fixture): string[] {
  return fixture.analysis.functions.map((fn) => {
    const r = fn.resolution;
    const where = r.status === 'resolved' ? `${r.file.replace(/^\/ws/, '')}#${r.exportName}` : r.status;
    return `${fn.logicalId} -> ${where}`;
  });
}
