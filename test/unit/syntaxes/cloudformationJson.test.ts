// Tokenizes a JSON template with the injection grammar and checks the scopes of intrinsic keys, logical IDs and ${} placeholders.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { baseGrammarSets, loadGrammar, Tokenized, hasScope } from '../../fixtures/grammars/textmate';

const FUNCTION = 'support.function.intrinsic.cloudformation';
const VARIABLE = 'variable.other.cloudformation';
const PSEUDO = 'variable.language.pseudo-parameter.cloudformation';
const EMBEDDED = 'meta.embedded';

const TEMPLATE = `{
  "Resources": {
    "Function": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": {"Ref": "Foo"},
        "Region": { "Ref" : "AWS::Region" },
        "Role": {"Fn::GetAtt": ["Table", "Arn"]},
        "Queue": {"Fn::GetAtt": "Queue.QueueName"},
        "Value": {"Fn::Sub": "arn:\${AWS::Partition}:s3:::\${Bucket}/* \${!Literal} \\"q\\""},
        "List": {"Fn::Sub": ["\${Api}-x", {"Api": {"Ref": "RestApi"}}]},
        "Empty": {"Fn::Sub": ""},
        "Text": "not \${Bar} nor Ref",
        "Join": {"Fn::Join": ["", [{"Ref": "Joined"}, "b"]]}
      }
    }
  }
}`;

function assertHas(scopes: string[], scope: string, what: string): void {
  assert.ok(hasScope(scopes, scope), `${what} should have ${scope}; has ${scopes.join(' ')}`);
}

function assertLacks(scopes: string[], scope: string, what: string): void {
  assert.ok(!hasScope(scopes, scope), `${what} should not have ${scope}; has ${scopes.join(' ')}`);
}

for (const base of baseGrammarSets().filter((set) => set.files['source.json'])) {
  describe(`JSON intrinsics over ${base.label}`, () => {
    let doc: Tokenized;
    let baseOnly: Tokenized;
    before(async () => {
      doc = new Tokenized(await loadGrammar('source.json', base), TEMPLATE);
      baseOnly = new Tokenized(await loadGrammar('source.json', base, false), TEMPLATE);
    });

    test('the base grammar alone has no CloudFormation scopes', () => {
      assert.ok(baseOnly.tokens.every((token) => token.scopes.every((scope) => !scope.endsWith('.cloudformation'))));
    });

    test('"Ref" keys and their logical IDs or pseudo parameters', () => {
      const key = doc.scopes('"Handler"', 'Ref');
      assertHas(key, FUNCTION, 'Ref');
      assertHas(key, 'support.type.property-name', 'Ref');
      assertHas(doc.scopes('"Handler"', 'Foo'), VARIABLE, 'Foo');
      assertHas(doc.scopes('"Region"', 'AWS::Region'), PSEUDO, 'AWS::Region');
      assertHas(doc.scopes('"Join"', 'Fn::Join'), FUNCTION, 'Fn::Join');
      assertHas(doc.scopes('"Join"', 'Joined'), VARIABLE, 'Joined');
    });

    test('"Fn::GetAtt" in list and string form', () => {
      assertHas(doc.scopes('"Role"', 'Fn::GetAtt'), FUNCTION, 'Fn::GetAtt');
      assertHas(doc.scopes('"Role"', 'Table'), VARIABLE, 'Table');
      assertHas(doc.scopes('"Queue"', 'Queue', 1), VARIABLE, 'Queue');
      assertHas(doc.scopes('"Queue"', 'QueueName'), 'variable.other.property.cloudformation', 'QueueName');
    });

    test('${} placeholders, the ${!Literal} escape and JSON escapes in "Fn::Sub"', () => {
      const partition = doc.scopes('"Value"', 'AWS::Partition');
      assertHas(partition, PSEUDO, 'AWS::Partition');
      assertHas(partition, EMBEDDED, 'AWS::Partition');
      const bucket = doc.scopes('"Value"', 'Bucket');
      assertHas(bucket, VARIABLE, 'Bucket');
      assertHas(bucket, 'string.quoted.double.json', 'Bucket');
      const literal = doc.scopes('"Value"', '${!Literal}');
      assertHas(literal, 'constant.character.escape.substitution.cloudformation', '${!Literal}');
      assertLacks(literal, EMBEDDED, '${!Literal}');
      assertHas(doc.scopes('"Value"', '\\"'), 'constant.character.escape.json', 'the escaped quote');
      assertHas(doc.scopes('"Value"', '"', -1), 'punctuation.definition.string.end', 'the closing quote');
      assertHas(doc.scopes('"List"', 'Api'), EMBEDDED, 'Api in the list form');
      assertHas(doc.scopes('"List"', 'RestApi'), VARIABLE, 'RestApi');
    });

    test('other strings are left alone and the structure stays intact', () => {
      for (const token of doc.lineTokens('"Text"')) {
        assert.deepEqual(token.scopes.filter((scope) => scope.endsWith('.cloudformation')), [], token.text);
      }
      assertHas(doc.scopes('"Empty"', '}'), 'punctuation.definition.dictionary.end', 'the brace after an empty template');
      const invalid = doc.tokens.filter((token) => hasScope(token.scopes, 'invalid'));
      assert.deepEqual(invalid.map((token) => `${token.line}: ${token.text}`), []);
      const strip = (tokens: typeof doc.tokens) => tokens.map((token) => ({ text: token.text, scopes: token.scopes }));
      for (const marker of ['"Resources"', '"Type"', '"Text"']) assert.deepEqual(strip(doc.lineTokens(marker)), strip(baseOnly.lineTokens(marker)), marker);
    });
  });
}
