import { describe, expect, it } from 'vitest';
import { isStaleBuild } from './route-error';

describe('isStaleBuild', () => {
  it('recognises a page file that a new version removed, in each browser’s words', () => {
    expect(
      isStaleBuild(
        new TypeError(
          'Failed to fetch dynamically imported module: http://127.0.0.1/assets/login-page-Dn8lobBt.js',
        ),
      ),
    ).toBe(true);
    expect(isStaleBuild(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isStaleBuild(new TypeError('error loading dynamically imported module'))).toBe(true);
  });

  it('leaves other errors to the error page', () => {
    expect(isStaleBuild(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isStaleBuild(undefined)).toBe(false);
    expect(isStaleBuild({ status: 404 })).toBe(false);
  });
});
