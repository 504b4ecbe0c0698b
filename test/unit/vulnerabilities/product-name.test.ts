import { describe, expect, it } from 'vitest';
import { matchProductName, prepareName } from '../../../electron/domain/vulnerabilities/product-name';

const level = (model: string, product: string, modelNumbers: string[] = []) =>
  matchProductName(prepareName(model), prepareName(product, modelNumbers))?.level ?? null;

describe('product names', () => {
  it.each([
    // case and punctuation
    ['scalance lpe9403', 'SCALANCE LPE9403', 'exact'],
    ['S7 1200', 'SIMATIC S7-1200', 'exact'],
    ['S71200', 'S7-1200', 'exact'],
    // brand words before the model
    ['S7-1200', 'SIMATIC S7-1200', 'exact'],
    ['ZT410', 'ZTC Industrial ZT410', 'exact'],
    // series
    ['S7-1200 CPU 1214C', 'SIMATIC S7-1200', 'series'],
    ['MGate MB3280-T', 'MGate MB3280 Series', 'series'],
    ['1756-EN2T', '1756-EN2T, Series A/B/C (unsigned version)', 'series'],
    ['CK75', 'CK75 running Android OS', 'series'],
    // a bare number names a model with the word before it
    ['Stratix 5700', 'Allen-Bradley Stratix 5700 Industrial Managed Ethernet Switches', 'series'],
    ['Allen-Bradley Stratix 5400', 'Stratix 5400', 'exact'],
    ['Stratix 5700', 'Stratix 5700', 'exact'],
    // model numbers: CSAF model_numbers and the name's parentheses
    ['6ES7211-1BE40-0XB0', 'SIMATIC S7-1200 CPU 1211C AC/DC/Rly', 'model-number', ['6ES7211-1BE40-0XB0']],
    ['SCALANCE XCH328 6GK5328-4TS01-2EC2', 'SCALANCE XCH328 (6GK5328-4TS01-2EC2)', 'model-number'],
    ['6gk53284ts012ec2', 'SCALANCE XCH328 (6GK5328-4TS01-2EC2)', 'model-number'],
    // wildcards
    ['BMXP342020', 'Modicon M340 CPU (part numbers BMXP34*)', 'series'],
    ['DS-K1T804AMF', 'DS-K1T804AXX', 'series'],
    // fuzzy: a model code shared, nothing else
    ['CT60 XP', 'CT60 running Android OS', 'fuzzy'],
    ['Modicon M340 Ethernet module', 'Modicon M340 CPU', 'fuzzy'],
    // not the product
    ['S7-1500', 'SIMATIC S7-1200', null],
    ['UC-8100', 'UC-8100A-ME-T Series', null],
    ['DS-K1T341C', 'DS-K1T804AXX', null],
    ['Series', 'MGate MB3280 Series', null],
    ['Switch', 'Allen-Bradley Stratix 5400 Industrial Ethernet Switches', null],
    ['Stratix 5700', 'Allen-Bradley Stratix 5400 Industrial Ethernet Switches', null],
    ['ArmorStratix 5700', 'Allen-Bradley Stratix 5700 Industrial Managed Ethernet Switches', null],
    ['Catalyst 2960', 'Cisco 2960', null],
    ['', 'SIMATIC S7-1200', null],
  ] as [string, string, string | null, string[]?][])('%s vs %s → %s', (model, product, expected, numbers) => {
    expect(level(model, product, numbers)).toBe(expected);
  });

  it('says why in words', () => {
    expect(matchProductName(prepareName('S7-1200 CPU 1214C'), prepareName('SIMATIC S7-1200'))?.why).toBe(
      'model "S7-1200 CPU 1214C" is of the series "SIMATIC S7-1200"',
    );
  });
});
