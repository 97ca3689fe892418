// Plain data types of the SAM Atlas model: everything the core produces is made of these, with no syntax trees inside.

/** A range inside one file, as UTF-16 offsets into its text (end exclusive). Paths are absolute, with `/`. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

/** A problem found in the input; the core reports these instead of throwing. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  span: Span;
}

// ---------------------------------------------------------------------------
// Template values: a small, span-carrying tree made from YAML or JSON.

export type TemplateValue = MapValue | SeqValue | ScalarValue | IntrinsicValue;

export interface MapEntry {
  key: string;
  keySpan: Span;
  value: TemplateValue;
}

export interface MapValue {
  kind: 'map';
  entries: MapEntry[];
  span: Span;
}

export interface SeqValue {
  kind: 'seq';
  items: TemplateValue[];
  span: Span;
}

export interface ScalarValue {
  kind: 'scalar';
  /** The scalar as written: strings stay strings, numbers and booleans keep their JavaScript type. */
  value: string | number | boolean | null;
  span: Span;
}

/** `!Ref X`, `{Ref: X}`, `!GetAtt A.B`, `{"Fn::Sub": ...}`, ... normalised to the long name (`Ref`, `Fn::GetAtt`). */
export interface IntrinsicValue {
  kind: 'intrinsic';
  name: string;
  /** Whether it was written as a short-form YAML tag. */
  short: boolean;
  /** The span of the tag or the key (`!Ref`, `Fn::Sub`). */
  nameSpan: Span;
  argument: TemplateValue;
  span: Span;
}

// ---------------------------------------------------------------------------
// Template facts.

/** A place in a template that names a resource, parameter, condition or export. */
export interface TemplateReference {
  /** What is named: a logical ID, parameter, pseudo parameter, condition, or (for ImportValue) an export name. */
  target: string;
  /** For GetAtt: the attribute (`Arn`); for Sub: the `.Attr` part of `${X.Attr}`. */
  attribute?: string;
  kind: 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'ImportValue' | 'FindInMap';
  /** The span of just the name, for go-to-definition and rename. */
  span: Span;
  /** The logical ID of the resource/output that contains the reference, if any. */
  container?: string;
  /** Names that a Fn::Sub variable map defines locally (not references to the template). */
  localNames?: string[];
}

export interface ResourceFact {
  logicalId: string;
  type: string;
  keySpan: Span;
  span: Span;
  properties?: MapValue;
  /** The resource's own top-level attributes (Condition, DependsOn, Metadata ...). */
  node: MapValue;
}

export interface ParameterFact {
  name: string;
  type?: string;
  keySpan: Span;
  span: Span;
  defaultValue?: TemplateValue;
}

export interface OutputFact {
  name: string;
  keySpan: Span;
  span: Span;
  value?: TemplateValue;
  exportName?: TemplateValue;
}

export interface NamedEntry {
  name: string;
  keySpan: Span;
  span: Span;
}

export interface TemplateFacts {
  file: string;
  /** True when the file looks like a CloudFormation/SAM template. */
  isTemplate: boolean;
  format: 'yaml' | 'json';
  isSam: boolean;
  /** True for a Step Functions definition file (not a template, but read for DefinitionUri). */
  isDefinition?: boolean;
  root?: MapValue;
  parameters: ParameterFact[];
  resources: ResourceFact[];
  outputs: OutputFact[];
  conditions: NamedEntry[];
  mappings: NamedEntry[];
  globals?: MapValue;
  references: TemplateReference[];
  problems: Problem[];
  lineStarts: number[];
  size: number;
}

// ---------------------------------------------------------------------------
// Code facts (handler source files).

export interface CodeExport {
  /** Exported name (`handler`, `default`). */
  name: string;
  /** Span of the name at its declaration (the place go-to-definition lands). */
  span: Span;
  /** When the export is re-exported from another module: the module specifier and the name there. */
  from?: { module: string; name: string };
  /** For local aliases (`export { impl as handler }`) the local name. */
  localName?: string;
}

export interface CodeImport {
  /** Module specifier as written (`./lib/auth`, `@aws-sdk/client-sqs`). */
  module: string;
  /** Imported names: `default`, `*`, or the exported name; `local` is the binding in this file. */
  names: { imported: string; local: string }[];
  span: Span;
}

export interface EnvRead {
  name: string;
  span: Span;
  /** True when the code gives a fallback (`process.env.X ?? 'a'`, `os.getenv('X', 'a')`): the variable is optional. */
  hasDefault?: boolean;
}

/**
 * A value as far as a syntax walk can trace it, without running anything:
 * a literal, an environment variable, a template of parts, or unknown with the reason.
 */
export type TracedValue =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string }
  | { kind: 'concat'; parts: TracedValue[] }
  | { kind: 'param'; index: number; name: string }
  | { kind: 'unknown'; reason: string };

/** An AWS SDK (or HTTP) call found in code. */
export interface SdkCall {
  /** The service's SDK name, lower-case (`sqs`, `sns`, `eventbridge`, `lambda`, `dynamodb`, `s3`, `sfn`, `kinesis`, `http`). */
  service: string;
  /** The API operation in PascalCase (`SendMessage`, `PutItem`, `Invoke`, `GET` for HTTP). */
  operation: string;
  /** Where the call is (the `send(...)`, `sendMessage(...)` or `fetch(...)` expression). */
  span: Span;
  /** Interesting arguments, traced: `QueueUrl`, `TopicArn`, `FunctionName`, `TableName`, `Bucket`, `stateMachineArn`, `EventBusName`, `Source`, `DetailType`, `InvocationType`, `url`. */
  args: Record<string, TracedValue>;
  /** For EventBridge PutEvents with several entries: one args record per entry. */
  entries?: Record<string, TracedValue>[];
  /** The enclosing function's name when the call is inside a named function (used to follow helpers). */
  inFunction?: string;
  /** 'v3' | 'v2' | 'lib-dynamodb' | 'boto3' | 'fetch' | 'axios' */
  sdk: string;
}

/** A call in this file to a function imported from another local module (for following helpers). */
export interface LocalCall {
  /** The local binding that was called (`publish`, `events.publish`). */
  callee: string;
  /** The module it was imported from and the exported name. */
  module: string;
  imported: string;
  span: Span;
  inFunction?: string;
  /** Traced values of the call's arguments. */
  args: TracedValue[];
}

/** A named top-level function in the file (for Python `def`, and JS functions), with its parameter names. */
export interface CodeFunction {
  name: string;
  span: Span;
  params: string[];
}

export interface CodeFacts {
  file: string;
  language: 'javascript' | 'typescript' | 'python';
  exports: CodeExport[];
  imports: CodeImport[];
  functions: CodeFunction[];
  envReads: EnvRead[];
  sdkCalls: SdkCall[];
  localCalls: LocalCall[];
  problems: Problem[];
  lineStarts: number[];
}
