import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The console wears whichever brand the host resolves to: the product's own name and colours
// must not leak into what a reseller's customers see.
const root = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const shipped = [...filesUnder(join(root, 'src')), join(root, 'index.html')];

describe('brand neutrality', () => {
  it('theShippedSourcesExist', () => {
    expect(shipped.some((f) => f.endsWith('App.vue'))).toBe(true);
  });

  it('noShippedFileNamesTheProduct', () => {
    const naming = shipped.filter((f) => /topgun/i.test(readFileSync(f, 'utf8')));
    expect(naming).toEqual([]);
  });

  it('stylesUseOnlyTheBrandsVariables_noLiteralColours', () => {
    const literal = /#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/i;
    const styled = shipped.filter((f) => f.endsWith('.vue') || f.endsWith('.css'));
    const offenders = styled.filter((f) => {
      const text = readFileSync(f, 'utf8');
      const styles = f.endsWith('.css') ? text : (text.match(/<style[\s\S]*?<\/style>/g) ?? []).join('\n');
      return literal.test(styles);
    });
    expect(offenders).toEqual([]);
  });

  it('theInitialTitleIsEmpty_theBrandSetsIt', () => {
    expect(readFileSync(join(root, 'index.html'), 'utf8')).toContain('<title></title>');
  });
});
