// Checks the editor schema of the format, schemas/wirekit.schema.json, with ajv:
// - every schema in schemas/ (and the generator's test schemas) names it in its modeline and
//   is valid against it;
// - every broken schema in broken-schemas/ (structural errors taken from the generator's error
//   tests: a wrong key, a wrong type or value) is rejected with the ajv error its
//   `# expect: KEYWORD at PATH` line names, and by `wirekit-gen --lint` too, so the two agree.
// Usage: node validate_schemas.mjs REPO_ROOT WIREKIT_GEN
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { parse } from 'yaml';

const [root, gen] = process.argv.slice(2);
const here = new URL('.', import.meta.url).pathname;
const modeline = '# yaml-language-server: $schema=./wirekit.schema.json';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true,
                      strictRequired: false });
const editorSchema = readFileSync(join(root, 'schemas', 'wirekit.schema.json'), 'utf8');
const validate = ajv.compile(JSON.parse(editorSchema));
const errorsOfText = (text) => (validate(parse(text)) ? [] : validate.errors);
const errorsOf = (file) => errorsOfText(readFileSync(file, 'utf8'));
const describe = (e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`;

let failures = 0;
const fail = (text) => {
  console.log(`FAILED ${text}`);
  failures++;
};

const valid = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.yaml')).sort();
if (valid.length < 5) fail(`only ${valid.length} schemas in schemas/`);
for (const name of valid) {
  const file = join(root, 'schemas', name);
  const first = readFileSync(file, 'utf8').split('\n')[0];
  if (first !== modeline) fail(`${file}: no modeline "${modeline}"`);
}
const testSchemas = ['chat.yaml', 'edge.yaml'].map((f) => join(root, 'tests', 'generator', f));
for (const file of [...valid.map((f) => join(root, 'schemas', f)), ...testSchemas]) {
  const errors = errorsOf(file);
  if (errors.length) fail(`${file}: ${errors.map(describe).join('; ')}`);
  else console.log(`valid   ${file}`);
}

// The complete small example of schemas/README.md (its first yaml block), as the golden test
// loads it with the generator.
const readme = readFileSync(join(root, 'schemas', 'README.md'), 'utf8');
const example = /\n```yaml\n([\s\S]*?)\n```\n/.exec(readme);
const exampleErrors = example ? errorsOfText(example[1]) : [];
if (!example) fail('schemas/README.md: no yaml example');
else if (exampleErrors.length)
  fail(`schemas/README.md example: ${exampleErrors.map(describe).join('; ')}`);
else console.log('valid   the example of schemas/README.md');

const broken = readdirSync(join(here, 'broken-schemas')).filter((f) => f.endsWith('.yaml')).sort();
if (broken.length < 8) fail(`only ${broken.length} broken schemas`);
for (const name of broken) {
  const file = join(here, 'broken-schemas', name);
  const expect = /^# expect: (\w+) at (\S+)$/m.exec(readFileSync(file, 'utf8'));
  if (!expect) {
    fail(`${file}: no "# expect: KEYWORD at PATH" line`);
    continue;
  }
  const expected = (e) => e.keyword === expect[1] && (e.instancePath || '/') === expect[2];
  const errors = errorsOf(file);
  const lint = spawnSync(gen, [file, '--lint'], { encoding: 'utf8' });
  if (errors.length === 0) fail(`${file}: accepted by the editor schema`);
  else if (!errors.some(expected))
    fail(`${file}: no '${expect[1]}' error at ${expect[2]} among: ` +
         errors.map(describe).join('; '));
  else if (lint.status !== 1) fail(`${file}: wirekit-gen --lint exits ${lint.status}, not 1`);
  else console.log(`refused ${name}: ${describe(errors.find(expected))}` +
                   ` | wirekit-gen: ${lint.stderr.trim().split('\n')[0]}`);
}
const checked = valid.length + testSchemas.length + 1;
console.log(`${checked} schemas that must be valid, ${broken.length} that must be refused, ` +
            `${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
