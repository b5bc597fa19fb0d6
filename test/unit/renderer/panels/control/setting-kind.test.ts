import { describe, expect, it } from 'vitest';
import { settingKind } from '../../../../../renderer/panels/control/setting-kind';

describe('the field that edits a setting', () => {
  it('never offers a secret as an ordinary field, whatever it holds', () => {
    expect(settingKind({ secret: true, value: 'true' })).toBe('secret');
    expect(settingKind({ secret: true, value: null })).toBe('secret');
  });

  it('offers a switch for true/false, a number field for a number, text otherwise', () => {
    expect(settingKind({ secret: false, value: 'false' })).toBe('boolean');
    expect(settingKind({ secret: false, value: '9600' })).toBe('number');
    expect(settingKind({ secret: false, value: '0.5' })).toBe('number');
    expect(settingKind({ secret: false, value: '192.168.1.2' })).toBe('text');
    expect(settingKind({ secret: false, value: '' })).toBe('text');
    expect(settingKind({ secret: false, value: null })).toBe('text');
  });
});
