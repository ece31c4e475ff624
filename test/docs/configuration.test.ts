import { readFileSync } from 'node:fs';
import { ENV_VARIABLES } from '../../src/config/config.js';

/** docs/configuration.md names every variable src/config/config.ts reads (the providers' ones included). */
describe('docs/configuration.md', () => {
  const doc = readFileSync('docs/configuration.md', 'utf8');

  it('lists every variable of the configuration schema', () => {
    expect(ENV_VARIABLES.length).toBeGreaterThan(60);
    expect(ENV_VARIABLES.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('lists the variables read outside the schema (standalone sandbox, tracing)', () => {
    for (const name of ['SANDBOX_PORT', 'SANDBOX_HOST', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_EXPORTER']) {
      expect(doc).toContain(`\`${name}\``);
    }
  });
});
