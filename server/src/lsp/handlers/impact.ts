// `samAtlas/impact`: the impact trees of a function, resource, variable or file, or of the git changes since a ref, with locations.
import type { Connection, Location } from 'vscode-languageserver/node';
import { changesView, impactView, type Analysis, type ImpactNode, type ImpactView, type Span } from '../../core/index';
import { ImpactRequest, type ImpactParams, type ImpactResult, type ImpactTreeItem } from '../../protocol/index';
import type { Session } from '../session';
import { pathToUri, toLocation, uriToPath } from '../convert';
import { listChanges } from '../../disk/git';
import { safe } from './safe';

/** Registers the impact request. */
export function registerImpact(connection: Connection, session: Session): void {
  connection.onRequest(
    ImpactRequest.type,
    safe('impact', async (params: ImpactParams): Promise<ImpactResult> => {
      const analysis = session.analysis;
      if (params.base !== undefined) {
        if (!session.settings.trusted) return { ...(await changesImpact(analysis, [], params.base || 'HEAD')), error: 'Impact of changes runs git, which SAM Atlas does only in a trusted workspace: trust this folder first.' };
        return changesImpact(analysis, session.roots, params.base || 'HEAD');
      }
      const file = params.file ? (params.file.startsWith('file:') ? uriToPath(params.file) : params.file) : undefined;
      return toResult(analysis, impactView(analysis, { id: params.id, file }));
    }),
  );
}

/** The git part runs here, in the server process, never in the core. */
async function changesImpact(analysis: Analysis, roots: string[], ref: string): Promise<ImpactResult> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const root of roots) {
    const changed = await listChanges(root, ref);
    if ('error' in changed) errors.push(changed.error);
    else files.push(...changed.files);
  }
  const result = toResult(analysis, changesView(analysis, files, `Changes since ${ref}`));
  // One failing folder (not a git repository) does not hide the others' changes.
  if (errors.length && errors.length === roots.length) result.error = errors[0];
  return result;
}

function toResult(analysis: Analysis, view: ImpactView): ImpactResult {
  const location = (span?: Span): Location | undefined => (span ? toLocation(analysis, span) : undefined);
  const item = (node: ImpactNode): ImpactTreeItem => ({
    id: node.id,
    kind: node.kind,
    label: node.label,
    detail: node.detail,
    location: location(node.span),
    via: node.via,
    sync: node.sync,
    evidence: location(node.evidence),
    repeated: node.repeated,
    children: node.children.map(item),
  });
  const changes = view.changes && {
    files: view.changes.files.map((f) => ({ uri: pathToUri(f.file), kind: f.kind, nodes: f.nodes })),
    affected: view.changes.affected.map((a) => ({ ...a, location: location(analysis.function(a.id)?.keySpan ?? analysis.stateMachines.find((s) => s.id === a.id)?.keySpan) })),
    endpoints: view.changes.endpoints.map((e) => ({ method: e.method, path: e.path, api: e.api, functionId: e.functionId, location: toLocation(analysis, e.span) })),
    templates: view.changes.templates.map(pathToUri),
  };
  const { span, ...target } = view.target;
  return {
    target: { ...target, location: location(span) },
    upstream: view.upstream.map(item),
    downstream: view.downstream.map(item),
    counts: view.counts,
    changes,
    error: view.error,
  };
}
