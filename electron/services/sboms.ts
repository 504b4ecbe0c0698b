/**
 * Vendors' SBOMs and VEX statements: a file read by content (CycloneDX, SPDX 2.3, OpenVEX),
 * an SBOM attached to the vendor's model and firmware (replacing the one there), a VEX
 * document's statements attached to the vendor (replacing the same document's), written
 * with their audit entries in one transaction, or not at all.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { AppError } from '../domain/errors';
import type { VexProduct } from '../domain/vulnerabilities/model';
import type { SbomImportResult, SbomRecord } from '../domain/vulnerabilities/sbom-api';
import { readSbomFile, SbomUnreadable, type SbomFileContent } from '../domain/vulnerabilities/sbom-formats';
import { MAX_SBOM_CHARS } from '../domain/vulnerabilities/sbom-json';
import { recordAudit, type ServiceContext } from './context';

/** What an import is given: the file and where it is attached. */
export interface SbomImportInput {
  vendorId: string;
  /** The file's name or path as the user gave it; its base name is kept. */
  fileName: string;
  bytes: Uint8Array;
  model?: string | null;
  firmware?: string | null;
}

/** A model or firmware as compared: trimmed, one space, case folded; '' for none. */
export function targetKey(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Creates the SBOM service. */
export function createSbomService(ctx: ServiceContext) {
  const { storage } = ctx;

  /** Reads the file, or refuses it naming the file and the first problem; nothing is written either way. */
  function read(fileName: string, bytes: Uint8Array, vendorId: string): SbomFileContent {
    try {
      // Checked on the bytes before decoding; a character is at least one byte.
      if (bytes.length > MAX_SBOM_CHARS)
        throw new SbomUnreadable(`The file is larger than ${MAX_SBOM_CHARS / (1024 * 1024)} MB.`);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new SbomUnreadable('The file is not UTF-8 text.');
      }
      return readSbomFile(text, {
        resolveBomLink: (link): VexProduct | null => {
          const refs = storage.sboms.refsOf(vendorId, link.serial);
          return refs && Object.hasOwn(refs, link.ref) ? refs[link.ref]! : null;
        },
      });
    } catch (error) {
      if (error instanceof SbomUnreadable)
        throw new AppError('INVALID_INPUT', `${fileName} cannot be imported: ${error.message}`);
      throw error;
    }
  }

  return {
    /** Imports an SBOM or VEX file for a vendor (SBOM: for its model and firmware). */
    import(input: SbomImportInput): SbomImportResult {
      const vendor = storage.vendors.get(input.vendorId);
      if (!vendor) throw new AppError('NOT_FOUND', `No vendor with id ${input.vendorId}`);
      const content = read(input.fileName, input.bytes, vendor.id);
      const model = input.model?.trim() || null;
      const firmware = input.firmware?.trim() || null;
      const base: Omit<SbomRecord, 'id' | 'kind' | 'name' | 'entries' | 'model' | 'firmware'> = {
        vendorId: vendor.id,
        vendorName: vendor.name,
        format: content.format.name,
        fileName: basename(input.fileName),
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        importedAt: ctx.now().toISOString(),
        importedBy: ctx.actor(),
      };
      const warnings = [...content.warnings];
      if (!content.sbom && (model || firmware))
        warnings.push(
          'The file holds VEX statements only: they are attached to the vendor, not to a model or firmware.',
        );
      const result: SbomImportResult = {
        fileName: base.fileName,
        format: content.format.name,
        sbom: null,
        replacedSbom: null,
        vex: null,
        replacedVex: null,
        warnings,
      };
      storage.transaction(() => {
        if (content.sbom) {
          const keys = {
            model: targetKey(model),
            firmware: targetKey(firmware),
            serial: content.documentId?.replace(/^urn:uuid:/i, '').toLowerCase() ?? null,
          };
          const record: SbomRecord = {
            ...base,
            id: ctx.newId(),
            kind: 'sbom',
            model,
            firmware,
            name: content.sbom.name,
            entries: content.sbom.components.length,
          };
          result.replacedSbom = storage.sboms.findSbom(vendor.id, keys.model, keys.firmware);
          storage.sboms.saveSbom(record, keys, content.sbom, content.refs);
          recordAudit(ctx, 'sbom', record.id, 'import', result.replacedSbom, record);
          result.sbom = record;
        }
        if (content.vex.length) {
          const documentKey = content.documentId ?? `sha256:${base.sha256}`;
          const record: SbomRecord = {
            ...base,
            id: ctx.newId(),
            kind: 'vex',
            model: null,
            firmware: null,
            name: content.sbom?.name ?? content.documentId ?? base.fileName,
            entries: content.vex.length,
          };
          result.replacedVex = storage.sboms.findVex(vendor.id, documentKey);
          storage.sboms.saveVex(record, documentKey, content.vex);
          recordAudit(ctx, 'vex', record.id, 'import', result.replacedVex, record);
          result.vex = record;
        }
      });
      return result;
    },

    /**
     * Reads an SBOM or VEX file as `import` would, writing nothing: its format and what it
     * holds in words ("CycloneDX 1.5 SBOM, 3 components"), or refused naming the file and
     * the first problem.
     */
    check(vendorId: string, fileName: string, bytes: Uint8Array): { format: string; summary: string } {
      const content = read(fileName, bytes, vendorId);
      const parts: string[] = [];
      if (content.sbom)
        parts.push(
          `SBOM, ${content.sbom.components.length} component${content.sbom.components.length === 1 ? '' : 's'}`,
        );
      if (content.vex.length)
        parts.push(`${content.vex.length} VEX statement${content.vex.length === 1 ? '' : 's'}`);
      return { format: content.format.name, summary: `${content.format.name} ${parts.join(' and ')}` };
    },

    /** The SBOMs and VEX documents attached to one vendor, or to every vendor. */
    list(vendorId: string | null): SbomRecord[] {
      if (vendorId && !storage.vendors.get(vendorId))
        throw new AppError('NOT_FOUND', `No vendor with id ${vendorId}`);
      return storage.sboms.list(vendorId);
    },
  };
}
