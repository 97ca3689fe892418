// One immutable snapshot of the workspace model: templates, code facts, functions, endpoints and their indexes.
import type { EndpointModel, FunctionModel, StateMachineModel } from './model/functions';
import type { CodeFacts, OutputFact, ResourceFact, TemplateFacts, TemplateValue } from './model/types';
import { resolveHandler, type FileQuery } from './code/resolveHandler';
import { definitionFile, templateEndpoints, templateFunctions, templateStateMachines } from './sam/functions';
import { stringOf } from './sam/values';
import { dirname, joinPath } from './util/paths';
import { ChangeLog } from './changeLog';
import { addTo } from './util/collections';

/** An exported output and the pattern its export name matches (`${AWS::StackName}` unknown statically). */
export interface ExportEntry {
  template: TemplateFacts;
  output: OutputFact;
  /** The literal name when known, else a pattern. */
  name?: string;
  pattern?: RegExp;
}

export interface SnapshotInput {
  /** Unique per host, so caches shared across snapshots never mix two hosts. */
  hostId: number;
  version: number;
  /** Changes whenever the set of known files changes (handler resolution depends on it). */
  fileListVersion: number;
  /** Changes whenever any template or definition file changes (cross-template resolution depends on it). */
  templatesVersion: number;
  roots: string[];
  files: FileQuery;
  templates: TemplateFacts[];
  code: Map<string, CodeFacts>;
  skipped?: { path: string; reason: string }[];
  /** The host's record of code changes by version (shared by its snapshots); a fresh one knows nothing. */
  changes?: ChangeLog;
}

/** The model of the workspace at one moment; never changed after construction. */
export class Analysis {
  readonly hostId: number;
  readonly version: number;
  readonly fileListVersion: number;
  readonly templatesVersion: number;
  readonly roots: string[];
  readonly files: FileQuery;
  readonly templates: TemplateFacts[];
  readonly code: Map<string, CodeFacts>;
  readonly functions: FunctionModel[] = [];
  readonly stateMachines: StateMachineModel[] = [];
  readonly endpoints: EndpointModel[] = [];
  readonly exports: ExportEntry[] = [];
  /** Files the loader did not read, with the reason. */
  readonly skipped: { path: string; reason: string }[];
  /** Step Functions definition files (read for `DefinitionUri`), by path. */
  readonly definitions = new Map<string, TemplateFacts>();
  /** Which code files changed between this host's snapshots (for per-function reuse). */
  readonly changes: ChangeLog;
  private readonly templateIndex = new Map<string, TemplateFacts>();
  private readonly functionIndex = new Map<string, FunctionModel>();
  private readonly handlerIndex = new Map<string, FunctionModel[]>();

  constructor(input: SnapshotInput) {
    this.hostId = input.hostId;
    this.version = input.version;
    this.fileListVersion = input.fileListVersion;
    this.templatesVersion = input.templatesVersion;
    this.templatesKey = `${input.hostId}:${input.templatesVersion}`;
    this.modelKey = `${this.templatesKey}|${input.fileListVersion}`;
    this.roots = input.roots;
    this.files = input.files;
    this.templates = input.templates.filter((t) => t.isTemplate).sort((a, b) => a.file.localeCompare(b.file));
    for (const t of input.templates) if (t.isDefinition && t.root) this.definitions.set(t.file, t);
    this.code = input.code;
    this.skipped = input.skipped ?? [];
    this.changes = input.changes ?? new ChangeLog();
    for (const template of this.templates) this.addTemplate(template);
  }

  private addTemplate(template: TemplateFacts): void {
    this.templateIndex.set(template.file, template);
    const derived = derivedOf(template, this.files, this.fileListVersion);
    for (const model of derived.functions) {
      this.functions.push(model);
      this.functionIndex.set(model.id, model);
      if (model.resolution.status === 'resolved') {
        const list = this.handlerIndex.get(model.resolution.file) ?? [];
        list.push(model);
        this.handlerIndex.set(model.resolution.file, list);
      }
    }
    this.stateMachines.push(...derived.stateMachines);
    this.endpoints.push(...derived.endpoints);
    this.exports.push(...derived.exports);
  }

  /** A key that stays the same across snapshots while no template changes (for caches of template-only results). */
  readonly templatesKey: string;
  /** A key that stays the same while no template changes and the file list is the same (function models are stable then). */
  readonly modelKey: string;

  /** The template parsed from this file, if it is one. */
  template(file: string): TemplateFacts | undefined {
    return this.templateIndex.get(file);
  }

  /** A function by id. */
  function(id: string): FunctionModel | undefined {
    return this.functionIndex.get(id);
  }

  /** The functions whose handler lives in this code file. */
  functionsForHandlerFile(file: string): FunctionModel[] {
    return this.handlerIndex.get(file) ?? [];
  }

  private endpointIndex?: Map<string, EndpointModel[]>;

  /** The endpoints a function serves (indexed once per snapshot). */
  endpointsOf(functionId: string): EndpointModel[] {
    if (!this.endpointIndex) {
      this.endpointIndex = new Map();
      for (const endpoint of this.endpoints) {
        const list = this.endpointIndex.get(endpoint.functionId);
        if (list) list.push(endpoint);
        else this.endpointIndex.set(endpoint.functionId, [endpoint]);
      }
    }
    return this.endpointIndex.get(functionId) ?? [];
  }

  /** A resource of a template by logical ID. */
  resource(file: string, logicalId: string): ResourceFact | undefined {
    return this.template(file)?.resources.find((r) => r.logicalId === logicalId);
  }

  private exportIndex?: Map<string, ExportEntry[]>;

  /** Outputs of any template whose export name matches `name` (exact names first, then `${AWS::StackName}` patterns). */
  findExports(name: string): ExportEntry[] {
    if (!this.exportIndex) {
      this.exportIndex = new Map();
      for (const entry of this.exports) if (entry.name !== undefined) addTo(this.exportIndex, entry.name, entry);
    }
    return this.exportIndex.get(name) ?? this.exports.filter((e) => e.pattern?.test(name));
  }

  /** Code files that functions or imports refer to but whose text the host does not have yet. */
  neededFiles(): string[] {
    const needed = new Set<string>();
    for (const fn of this.functions) {
      if (fn.resolution.status === 'resolved' && !this.code.has(fn.resolution.file)) needed.add(fn.resolution.file);
    }
    for (const facts of this.code.values()) {
      for (const target of this.localImports(facts)) if (!this.code.has(target)) needed.add(target);
    }
    for (const sm of this.stateMachines) {
      const file = definitionFile(sm);
      if (file && !this.definitions.has(file) && this.files.exists(file)) needed.add(file);
    }
    return [...needed].sort();
  }

  /** The workspace files a code file imports with relative specifiers, resolved to existing files (memoised per facts and file list). */
  localImports(facts: CodeFacts): string[] {
    const key = `${this.hostId}:${this.fileListVersion}`;
    const cached = importsCache.get(facts);
    if (cached?.key === key) return cached.imports;
    const imports = this.computeLocalImports(facts);
    importsCache.set(facts, { key, imports });
    return imports;
  }

  private computeLocalImports(facts: CodeFacts): string[] {
    const out: string[] = [];
    const specifiers = [...facts.imports.map((i) => i.module), ...facts.exports.filter((e) => e.from).map((e) => e.from!.module)];
    for (const specifier of specifiers) {
      const resolved = this.resolveImport(facts.file, specifier, facts.language === 'python');
      if (resolved) out.push(resolved);
    }
    return out;
  }

  /** Resolves a relative import of `fromFile` to an existing workspace file. */
  resolveImport(fromFile: string, specifier: string, python = false): string | undefined {
    if (python) {
      if (!specifier.startsWith('.')) {
        const sibling = joinPath(dirname(fromFile), `${specifier.replace(/\./g, '/')}.py`);
        return this.files.exists(sibling) ? sibling : undefined;
      }
      const dots = specifier.match(/^\.+/)![0].length;
      let base = dirname(fromFile);
      for (let i = 1; i < dots; i++) base = dirname(base);
      const rest = specifier.slice(dots).replace(/\./g, '/');
      return [joinPath(base, `${rest}.py`), joinPath(base, rest, '__init__.py')].find((c) => this.files.exists(c));
    }
    if (!specifier.startsWith('.')) return undefined;
    // The first that exists of: the path as written, with a source extension, or a folder's index (tried in that order, lazily).
    const base = joinPath(dirname(fromFile), specifier);
    if (this.files.exists(base)) return base;
    const stripped = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const extension of SOURCE_EXTENSIONS) if (this.files.exists(stripped + extension)) return stripped + extension;
    for (const index of INDEX_FILES) {
      const candidate = joinPath(base, index);
      if (this.files.exists(candidate)) return candidate;
    }
    return undefined;
  }
}

const importsCache = new WeakMap<CodeFacts, { key: string; imports: string[] }>();

/** What a relative import may leave out: the source file's extension, or a folder's index file. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
const INDEX_FILES = ['index.ts', 'index.js', 'index.mjs'];

interface Derived {
  fileListVersion: number;
  functions: FunctionModel[];
  stateMachines: StateMachineModel[];
  endpoints: EndpointModel[];
  exports: ExportEntry[];
}

/** What a template declares, kept per template facts object: an unchanged template is not re-derived on an edit elsewhere. */
const derivedCache = new WeakMap<TemplateFacts, Derived>();

/** The files a template's functions name as handlers (existing files only); what is derived is kept for the snapshot that follows. */
export function handlerFilesOf(template: TemplateFacts, files: FileQuery, fileListVersion: number): string[] {
  const out: string[] = [];
  for (const fn of derivedOf(template, files, fileListVersion).functions) if (fn.resolution.status === 'resolved') out.push(fn.resolution.file);
  return out;
}

function derivedOf(template: TemplateFacts, files: FileQuery, fileListVersion: number): Derived {
  const cached = derivedCache.get(template);
  if (cached?.fileListVersion === fileListVersion) return cached;
  const declared = cached ? cached.functions : templateFunctions(template);
  const derived: Derived = {
    fileListVersion,
    functions: declared.map((fn) => ({ ...fn, resolution: resolveHandler(fn, files) })),
    stateMachines: cached?.stateMachines ?? templateStateMachines(template),
    endpoints: cached?.endpoints ?? templateEndpoints(template, declared),
    exports: cached?.exports ?? template.outputs.map((o) => exportEntry(template, o)).filter((e): e is ExportEntry => !!e),
  };
  derivedCache.set(template, derived);
  return derived;
}

function exportEntry(template: TemplateFacts, output: OutputFact): ExportEntry | undefined {
  const value = output.exportName;
  if (!value) return undefined;
  const literal = stringOf(value);
  if (literal !== undefined) return { template, output, name: literal };
  if (value.kind === 'intrinsic' && value.name === 'Fn::Sub') {
    const text = stringOf(value.argument.kind === 'seq' ? value.argument.items[0] : value.argument);
    if (text === undefined) return undefined;
    const name = substituteKnown(template, text);
    if (!name.includes('${')) return { template, output, name };
    const source = name
      .split(/\$\{[^}$]*\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
      .join('.+');
    return { template, output, pattern: new RegExp(`^${source}$`) };
  }
  return undefined;
}

/** Replaces `${Param}` with the parameter's default value where the template gives one. */
function substituteKnown(template: TemplateFacts, text: string): string {
  return text.replace(/\$\{([^}!.$]+)\}/g, (whole, name: string) => {
    const parameter = template.parameters.find((p) => p.name === name);
    const value = parameter?.defaultValue && stringOf(parameter.defaultValue as TemplateValue);
    return value ?? whole;
  });
}
