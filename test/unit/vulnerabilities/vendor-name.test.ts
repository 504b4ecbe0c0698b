import { describe, expect, it } from 'vitest';
import { sameVendor, vendorKey } from '../../../electron/domain/vulnerabilities/vendor-name';

describe('makers: legal forms and descriptive words are the same maker, a word of its own is another company', () => {
  it.each([
    // legal forms
    ['Siemens AG', 'Siemens', true],
    ['SIEMENS', 'Siemens Aktiengesellschaft', true],
    ['Schneider Electric SE', 'Schneider Electric', true],
    ['Rockwell Automation Inc.', 'Rockwell Automation', true],
    ['Digi International, Inc. ', 'Digi International', true],
    ['Honeywell International Inc.', 'Honeywell', true],
    // one name adds only words any maker's companies add
    ['Schneider', 'Schneider Electric', true],
    ['Schneider Electric Systems USA, Inc.', 'Schneider Electric', true],
    ['Rockwell', 'Rockwell Automation, Inc.', true],
    ['Zebra Technologies Corp', 'Zebra', true],
    ['Zebra', 'Zebra Technologies', true],
    ['Honeywell International', 'Honeywell', true],
    ['Cisco Systems, Inc.', 'Cisco', true],
    ['Siemens Industry, Inc.', 'Siemens', true],
    ['Mitsubishi Electric Corporation', 'Mitsubishi Electric', true],
    // brands and other names, through the table
    ['Hikvision', 'Hangzhou Hikvision Digital Technology Co., Ltd.', true],
    ['Allen-Bradley', 'Rockwell Automation', true],
    ['Telemecanique', 'Schneider Electric', true],
    ['GE', 'General Electric Company', true],
    // separate companies
    ['Siemens Energy', 'Siemens', false],
    ['Siemens Healthineers', 'Siemens', false],
    ['Siemens Healthineers AG', 'Siemens AG', false],
    ['Siemens Energy', 'Siemens Healthineers', false],
    ['Hitachi Energy', 'Hitachi', false],
    ['Mitsubishi Electric', 'Mitsubishi Heavy Industries', false],
    ['Johnson Controls', 'Johnson Electric', false],
    ['Rockwell Automation', 'Rockwell Collins', false],
    ['GE Vernova', 'General Electric', false],
    ['General Electric', 'General Motors', false],
    ['Moxa', 'Mobotix', false],
    ['', 'Siemens', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(sameVendor(vendorKey(a), vendorKey(b))).toBe(expected);
    expect(sameVendor(vendorKey(b), vendorKey(a))).toBe(expected);
  });

  it('keys drop case, punctuation and legal forms, and read a brand as its maker', () => {
    expect(vendorKey('Siemens AG')).toBe('siemens');
    expect(vendorKey('Hangzhou Hikvision Digital Technology Co., Ltd.')).toBe('hikvision');
    expect(vendorKey('Allen-Bradley')).toBe('rockwell automation');
    expect(vendorKey('Co., Ltd.')).toBe('');
  });
});
