// Tokenizes a YAML template with the injection grammars and checks the scopes of intrinsic tags, arguments, keys and ${} placeholders.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { baseGrammarSets, loadGrammar, Tokenized, hasScope, type Token } from '../../fixtures/grammars/textmate';

const FUNCTION = 'support.function.intrinsic.cloudformation';
const VARIABLE = 'variable.other.cloudformation';
const PROPERTY = 'variable.other.property.cloudformation';
const PSEUDO = 'variable.language.pseudo-parameter.cloudformation';
const CONDITION = 'variable.other.condition.cloudformation';
const EMBEDDED = 'meta.embedded';
const ESCAPE = 'constant.character.escape.substitution.cloudformation';

const TEMPLATE = `# A comment that mentions \${Bar} and !Ref Foo
Resources:
  Function:
    Type: AWS::Serverless::Function
    Properties:
      Handler: !Ref Foo
      Region: !Ref AWS::Region   # trailing comment with !Ref Baz
      Value: !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}/*"
      Quoted: !Sub 'a \${Table.Arn} ''x'' \${!Literal}'
      Empty: !Sub ""
      Plain: !Sub arn:\${AWS::Region}:\${Fn.Arn} # plain comment
      Role: !GetAtt Table.Arn
      Items:
        - !GetAtt Queue.QueueName
        - !Join ['', [!Ref Joined, 'b']]
      Flow: !If [IsProd, !Ref Prod, !GetAtt Dev.Arn, !Ref AWS::NoValue]
      Spaced: [ !Ref First, !Ref Second ]
      SubList: !Sub ["\${Api}-x", {Api: !Ref RestApi}]
      Long:
        Fn::Sub: "\${Stage}-api"
      LongRef:
        Ref: Bucket
      LongFlow: {"Fn::GetAtt": [Table, Arn]}
      LongSpaced: { Ref: Spaced, Name: x }
      Text: "not !Ref Foo nor \${Bar}"
      Other: !Custom value
      Script: !Sub |
        #!/bin/bash
        echo \${Bucket} \${!Literal}

        echo done
      # a comment after the block with \${Bar}
      After: !Ref Next
      Folded: >-
        not a template \${Bar} !Ref Foo
      LongBlock:
        Fn::Sub: |
          echo \${Stage}
        Sibling: !Ref Last
`;

/** Lines whose tokens must be the same with and without the injections. */
const UNTOUCHED = ['Resources:', 'Type: AWS::Serverless::Function', 'Items:', 'Folded: >-', 'not a template', 'Text: '];

function assertHas(scopes: string[], scope: string, what: string): void {
  assert.ok(hasScope(scopes, scope), `${what} should have ${scope}; has ${scopes.join(' ')}`);
}

function assertLacks(scopes: string[], scope: string, what: string): void {
  assert.ok(!hasScope(scopes, scope), `${what} should not have ${scope}; has ${scopes.join(' ')}`);
}

function assertNoneHas(tokens: Token[], scope: string): void {
  for (const token of tokens) assertLacks(token.scopes, scope, JSON.stringify(token.text));
}

function assertNoCloudFormation(tokens: Token[]): void {
  for (const token of tokens) {
    const ours = token.scopes.filter((scope) => scope.endsWith('.cloudformation'));
    assert.deepEqual(ours, [], JSON.stringify(token.text));
  }
}

for (const base of baseGrammarSets()) {
  describe(`YAML intrinsics over ${base.label}`, () => {
    let doc: Tokenized;
    let baseOnly: Tokenized;
    before(async () => {
      doc = new Tokenized(await loadGrammar('source.yaml', base), TEMPLATE);
      baseOnly = new Tokenized(await loadGrammar('source.yaml', base, false), TEMPLATE);
    });

    test('the base grammar alone has no CloudFormation scopes, so the checks below rely on the injections', () => {
      assert.ok(baseOnly.tokens.every((token) => token.scopes.every((scope) => !scope.endsWith('.cloudformation'))));
    });

    test('!Ref and its logical ID; the ID is not left inside the tag scope', () => {
      assertHas(doc.scopes('Handler:', '!Ref'), FUNCTION, '!Ref');
      const id = doc.scopes('Handler:', 'Foo');
      assertHas(id, VARIABLE, 'Foo');
      assertLacks(id, 'storage.type.tag', 'Foo');
      assertHas(doc.scopes('Region:', 'AWS::Region'), PSEUDO, 'AWS::Region');
    });

    test('comments are not highlighted, whole-line or trailing', () => {
      const line = doc.lineTokens('# A comment that mentions');
      for (const token of line) assertHas(token.scopes, 'comment', JSON.stringify(token.text));
      assertNoCloudFormation(line);
      const trailing = doc.lineTokens('Region:').filter((token) => hasScope(token.scopes, 'comment'));
      assert.equal(trailing.map((token) => token.text).join(''), '# trailing comment with !Ref Baz');
      assertNoCloudFormation(trailing);
    });

    test('${} placeholders in a double-quoted !Sub string', () => {
      assertHas(doc.scopes('Value:', '!Sub'), FUNCTION, '!Sub');
      const open = doc.scopes('Value:', '${');
      assertHas(open, EMBEDDED, '${');
      assertHas(open, 'punctuation.definition.template-expression.begin', '${');
      const partition = doc.scopes('Value:', 'AWS::Partition');
      assertHas(partition, PSEUDO, 'AWS::Partition');
      assertHas(partition, EMBEDDED, 'AWS::Partition');
      const bucket = doc.scopes('Value:', 'Bucket');
      assertHas(bucket, VARIABLE, 'Bucket');
      assertHas(bucket, EMBEDDED, 'Bucket');
      assertHas(bucket, 'string.quoted.double', 'Bucket');
      const text = doc.scopes('Value:', 'arn:');
      assertHas(text, 'string.quoted.double', 'arn:');
      assertLacks(text, EMBEDDED, 'arn:');
      assertHas(doc.scopes('Value:', '"', 1), 'punctuation.definition.string.end', 'the closing quote');
    });

    test('a single-quoted !Sub string: attributes, doubled quotes and the ${!Literal} escape', () => {
      assertHas(doc.scopes('Quoted:', 'Table'), VARIABLE, 'Table');
      assertHas(doc.scopes('Quoted:', 'Arn'), PROPERTY, 'Arn');
      assertHas(doc.scopes('Quoted:', "''"), 'constant.character.escape', "''");
      const literal = doc.scopes('Quoted:', '${!Literal}');
      assertHas(literal, ESCAPE, '${!Literal}');
      assertLacks(literal, 'variable', '${!Literal}');
      assertLacks(literal, EMBEDDED, '${!Literal}');
      assertHas(doc.scopes('Quoted:', "'", -1), 'punctuation.definition.string.end', 'the closing quote');
    });

    test('an empty !Sub string closes and the next key is still a key', () => {
      assertHas(doc.scopes('Empty:', '"', 1), 'punctuation.definition.string.end', 'the closing quote');
      assertHas(doc.scopes('Plain:', 'Plain'), 'entity.name.tag', 'Plain');
    });

    test('a plain !Sub scalar stops before its comment', () => {
      assertHas(doc.scopes('Plain:', 'AWS::Region'), PSEUDO, 'AWS::Region');
      assertHas(doc.scopes('Plain:', 'Fn'), VARIABLE, 'Fn');
      assertHas(doc.scopes('Plain:', 'Arn'), PROPERTY, 'Arn');
      const comment = doc.lineTokens('Plain:').filter((token) => token.text.includes('plain comment'));
      assert.equal(comment.length, 1);
      assertHas(comment[0].scopes, 'comment', 'the comment');
    });

    test('!GetAtt Resource.Attribute, in a value and in a sequence item', () => {
      assertHas(doc.scopes('Role:', '!GetAtt'), FUNCTION, '!GetAtt');
      assertHas(doc.scopes('Role:', 'Table'), VARIABLE, 'Table');
      assertHas(doc.scopes('Role:', '.'), 'punctuation.accessor', '.');
      assertHas(doc.scopes('Role:', 'Arn'), PROPERTY, 'Arn');
      assertHas(doc.scopes('- !GetAtt Queue', 'Queue'), VARIABLE, 'Queue');
      assertHas(doc.scopes('- !GetAtt Queue', 'QueueName'), PROPERTY, 'QueueName');
    });

    test('tags inside flow sequences keep the separators valid', () => {
      assertHas(doc.scopes('- !Join', '!Join'), FUNCTION, '!Join');
      assertHas(doc.scopes('- !Join', 'Joined'), VARIABLE, 'Joined');
      assertHas(doc.scopes('Flow:', '!If'), FUNCTION, '!If');
      assertHas(doc.scopes('Flow:', 'IsProd'), CONDITION, 'IsProd');
      assertHas(doc.scopes('Flow:', 'Prod', 1), VARIABLE, 'Prod');
      assertHas(doc.scopes('Flow:', 'Dev'), VARIABLE, 'Dev');
      assertHas(doc.scopes('Flow:', 'AWS::NoValue'), PSEUDO, 'AWS::NoValue');
      for (let comma = 0; comma < 3; comma++) assertHas(doc.scopes('Flow:', ',', comma), 'punctuation.separator', `comma ${comma}`);
      assertHas(doc.scopes('Spaced:', '!Ref', 1), FUNCTION, 'the second !Ref');
      assertHas(doc.scopes('Spaced:', 'Second'), VARIABLE, 'Second');
      assertHas(doc.scopes('Spaced:', ','), 'punctuation.separator', 'the comma');
    });

    test('the list form of !Sub and long-form keys', () => {
      assertHas(doc.scopes('SubList:', 'Api'), VARIABLE, 'Api');
      assertHas(doc.scopes('SubList:', 'RestApi'), VARIABLE, 'RestApi');
      assertHas(doc.scopes('Fn::Sub: "', 'Fn::Sub'), FUNCTION, 'Fn::Sub');
      assertHas(doc.scopes('Fn::Sub: "', 'Stage'), EMBEDDED, 'Stage');
      assertHas(doc.scopes('Ref: Bucket', 'Ref'), FUNCTION, 'Ref');
      assertHas(doc.scopes('Ref: Bucket', 'Bucket'), VARIABLE, 'Bucket');
      assertHas(doc.scopes('LongFlow:', 'Fn::GetAtt'), FUNCTION, 'Fn::GetAtt');
      assertHas(doc.scopes('LongFlow:', 'Table'), VARIABLE, 'Table');
      if (base.keyScopes) assertHas(doc.scopes('LongSpaced:', 'Ref'), FUNCTION, 'Ref after "{ "');
      assertHas(doc.scopes('LongSpaced:', 'Spaced', 1), VARIABLE, 'Spaced');
    });

    test('strings, plain values and unknown tags are left alone', () => {
      for (const marker of ['Text:', 'Other:', 'not a template']) {
        assertNoCloudFormation(doc.lineTokens(marker));
        assertNoneHas(doc.lineTokens(marker), EMBEDDED);
      }
    });

    test('a !Sub block scalar, up to a comment at the key indentation and the next key', () => {
      assertHas(doc.scopes('Script:', '|'), 'keyword.control.flow.block-scalar', '|');
      const shebang = doc.lineTokens('#!/bin/bash');
      assert.ok(shebang.length > 0);
      for (const token of shebang) {
        assertHas(token.scopes, 'string.unquoted.block', JSON.stringify(token.text));
        assertLacks(token.scopes, 'comment', JSON.stringify(token.text));
      }
      const bucket = doc.scopes('echo ${Bucket}', 'Bucket');
      assertHas(bucket, EMBEDDED, 'Bucket');
      assertHas(bucket, 'string.unquoted.block', 'Bucket');
      assertHas(doc.scopes('echo ${Bucket}', '${!Literal}'), ESCAPE, '${!Literal}');
      assertHas(doc.scopes('echo done'), 'meta.template.sub', 'the line after a blank line');
      const comment = doc.lineTokens('# a comment after the block');
      for (const token of comment) assertHas(token.scopes, 'comment', JSON.stringify(token.text));
      assertNoCloudFormation(comment);
      const after = doc.scopes('After:', 'After');
      assertHas(after, 'entity.name.tag', 'After');
      assertLacks(after, 'meta.template.sub', 'After');
      assertHas(doc.scopes('After:', 'Next'), VARIABLE, 'Next');
    });

    test('a long-form Fn::Sub block scalar ends before its sibling key', () => {
      assertHas(doc.scopes('echo ${Stage}', 'Stage'), EMBEDDED, 'Stage');
      const sibling = doc.scopes('Sibling:', 'Sibling');
      assertHas(sibling, 'entity.name.tag', 'Sibling');
      assertLacks(sibling, 'string.unquoted.block', 'Sibling');
      assertLacks(sibling, 'meta.template.sub', 'Sibling');
      assertHas(doc.scopes('Sibling:', 'Last'), VARIABLE, 'Last');
    });

    test('the YAML structure stays intact: no invalid tokens, and untouched lines tokenize as without the injections', () => {
      const invalid = doc.tokens.filter((token) => hasScope(token.scopes, 'invalid'));
      assert.deepEqual(invalid.map((token) => `${token.line}: ${token.text}`), []);
      for (const marker of UNTOUCHED) {
        const strip = (tokens: Token[]) => tokens.map((token) => ({ text: token.text, scopes: token.scopes }));
        assert.deepEqual(strip(doc.lineTokens(marker)), strip(baseOnly.lineTokens(marker)), marker);
      }
    });
  });
}
