// Validates every AsyncAPI export (generated/<name>/asyncapi.json, wirekit-gen --asyncapi) with
// the official @asyncapi/parser: each must parse as an AsyncAPI 3.0 document with zero errors
// (warnings are printed, not counted); so must the exports of the generator's test schemas
// (tests/generator/*.yaml), generated into a temporary directory. Then, so that a parser that
// accepts anything cannot pass the test, it checks that broken copies of the first export are
// each refused. Usage: node validate_asyncapi.mjs REPO_ROOT WIREKIT_GEN
import { readdirSync, readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const [root, gen] = process.argv.slice(2);
const files = [];
{
  const generated = join(root, 'generated');
  for (const name of readdirSync(generated).sort()) {
    const file = join(generated, name, 'asyncapi.json');
    if (existsSync(file)) files.push(file);
  }
  // Every schema in schemas/ has its export: the freshness test proves they are current.
  const schemas = readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.yaml'));
  if (files.length !== schemas.length) {
    console.error(`expected ${schemas.length} exports (one per schema), found ${files.length}`);
    process.exit(1);
  }
}
const scratch = mkdtempSync(join(tmpdir(), 'wirekit-asyncapi-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const testDir = join(root, 'tests', 'generator');
const testSchemas = readdirSync(testDir).filter((f) => f.endsWith('.yaml'));
for (const name of testSchemas) {
  const schema = join(root, 'tests', 'generator', name);
  const run = spawnSync(gen, [schema, '--out', scratch, '--asyncapi'], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`wirekit-gen failed on ${schema}: ${run.stderr}`);
    process.exit(1);
  }
  files.push(join(scratch, name.replace(/\.yaml$/, ''), 'asyncapi.json'));
}

const parser = new Parser();
let failed = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { document, diagnostics } = await parser.parse(text, { source: file });
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  for (const d of diagnostics) {
    const kind = d.severity === DiagnosticSeverity.Error ? 'error' : 'warning';
    console.log(`${file}: ${kind}: ${d.code}: ${d.message} at /${d.path.join('/')}`);
  }
  const ok = errors.length === 0 && document !== undefined && document.version() === '3.0.0';
  if (!ok) failed++;
  const counts = ok
    ? `${document.channels().length} channel, ${document.operations().length} operations, ` +
      `${document.messages().length} messages`
    : `${errors.length} errors`;
  console.log(`${ok ? 'ok' : 'FAILED'} ${file} (${counts})`);
}
console.log(`${files.length - failed} valid, ${failed} invalid`);

// Broken copies: each mutation must give at least one error.
const breakages = {
  'an operation action other than send/receive': (d) => {
    Object.values(d.operations)[0].action = 'publish';
  },
  'an operation naming a channel that does not exist': (d) => {
    Object.values(d.operations)[0].channel = { $ref: '#/channels/nowhere' };
  },
  'a payload with an unknown JSON Schema type': (d) => {
    Object.values(d.components.messages)[0].payload.type = 'objekt';
  },
  'an AsyncAPI 2 document shape (no operations, publish in a channel)': (d) => {
    delete d.operations;
    Object.values(d.channels)[0].publish = {};
  },
  'info without a version': (d) => {
    delete d.info.version;
  },
};
let missed = 0;
for (const [what, breakIt] of Object.entries(breakages)) {
  const doc = JSON.parse(readFileSync(files[0], 'utf8'));
  breakIt(doc);
  const { diagnostics } = await parser.parse(JSON.stringify(doc));
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  console.log(`${errors > 0 ? 'refused' : 'ACCEPTED'} broken export: ${what} (${errors} errors)`);
  if (errors === 0) missed++;
}
process.exit(failed === 0 && missed === 0 && files.length > 0 ? 0 : 1);
