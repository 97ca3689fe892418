// Shared helpers of the permission tests: load a fixture, find a function, summarise grants and usages as short strings.
import { permissionsOf, usagesOf, diagnose, type Analysis, type Grant, type Permissions } from '../../../server/src/core/index';
import { loadFixture, type Fixture } from '../../support/fixture';

export const HEAD = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31`;

/** Loads a fixture and returns it with a function finder. */
export function load(text: string): Fixture & { fn: (logicalId: string) => NonNullable<ReturnType<Analysis['function']>> } {
  const fixture = loadFixture(text);
  const fn = (logicalId: string) => {
    const found = fixture.analysis.functions.find((f) => f.logicalId === logicalId);
    if (!found) throw new Error(`no function ${logicalId}`);
    return found;
  };
  return { ...fixture, fn };
}

/** `source: actions on resources` for each grant (resources as written). */
export function grantLines(permissions: Permissions, kinds?: string[]): string[] {
  return permissions.grants.filter((g) => !kinds || kinds.includes(g.source.kind)).map(grantLine);
}

export function grantLine(grant: Grant): string {
  const when = grant.when ? ` [if ${grant.when}]` : '';
  return `${grant.effect === 'Deny' ? 'DENY ' : ''}${grant.source.label}: ${grant.actions.join(',')} on ${grant.resources.map((r) => r.text).join(' ')}${when}`;
}

/** `status action target` for each usage of a function. */
export function usageLines(analysis: Analysis, logicalId: string): string[] {
  const fn = analysis.functions.find((f) => f.logicalId === logicalId)!;
  return usagesOf(analysis, fn).map((u) => `${u.status} ${u.action} ${u.targetText}`);
}

/** The permissions of a function by logical ID. */
export function permissions(analysis: Analysis, logicalId: string): Permissions {
  return permissionsOf(analysis, analysis.functions.find((f) => f.logicalId === logicalId)!);
}

/** Diagnostics of one code, as `path:line message`. */
export function diagnosticsOf(fixture: Fixture, code: string): string[] {
  return diagnose(fixture.analysis)
    .filter((d) => d.code === code)
    .map((d) => {
      const text = fixture.files.get(d.span.file) ?? '';
      const line = text.slice(0, d.span.start).split('\n').length;
      return `${d.span.file.replace('/ws', '')}:${line} ${d.message}`;
    });
}
