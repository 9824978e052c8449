import { describe, expect, it } from 'vitest';
import { isContractCode, registerErrorCodes } from './errors.ts';
import { formatGatewayError } from './graphql/errors.ts';
import { defineModule } from './modules/define.ts';

describe('module error codes', () => {
  it('become contract codes once their module is defined, and reach clients (and cross-module readers) unchanged', () => {
    expect(isContractCode('SHELF_FULL')).toBe(false);
    defineModule({ manifest: { name: 'shelves', version: '0.1.0', summary: 'Shelves.' }, errorCodes: ['SHELF_FULL'] });
    expect(isContractCode('SHELF_FULL')).toBe(true);
    expect(formatGatewayError({ message: 'The shelf is full.', extensions: { code: 'SHELF_FULL' } })).toEqual({
      message: 'The shelf is full.',
      extensions: { code: 'SHELF_FULL' },
    });
    expect(isContractCode('NOT_FOUND')).toBe(true);
  });

  it('refuses a badly spelled code, a core code and another module’s code', () => {
    expect(() => registerErrorCodes('shelves', ['shelf_full'])).toThrow(/SCREAMING_SNAKE_CASE/);
    expect(() => registerErrorCodes('shelves', ['NOT_FOUND'])).toThrow(/is the core's/);
    registerErrorCodes('racks', ['RACK_FULL']);
    registerErrorCodes('racks', ['RACK_FULL']); // the same module loaded again
    expect(() => registerErrorCodes('shelves', ['RACK_FULL'])).toThrow(/already declared by module racks/);
  });
});
