/**
 * Evidence files in a team database. The local folder keeps each evidence file under
 * evidence/<id>; a team database keeps its bytes in evidence_content beside the evidence
 * row, with the local limits: at most MAX_EVIDENCE_BYTES, and the bytes must hash to the
 * row's SHA-256 and match its size (a trigger refuses anything else, whoever writes it).
 * With encryption on, the bytes are sealed by the app (`sealed`): the server cannot hash
 * what it cannot open, so it checks their header and their length (the file's size plus
 * the seal's overhead), and the app checks the SHA-256 of the opened bytes on every read.
 */
import { MAX_EVIDENCE_BYTES } from '../../domain/assessment';
import { SEALED_FILE_HEADERS_HEX, SEALED_FILE_OVERHEAD } from '../cipher';

/** The evidence_content table and the trigger that checks each file against its evidence row. */
export const EVIDENCE_SQL = `
  CREATE TABLE evidence_content (
    evidence_id text PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    content bytea NOT NULL,
    CONSTRAINT evidence_content_size CHECK (octet_length(content) <= ${MAX_EVIDENCE_BYTES})
  );
  CREATE FUNCTION vr_evidence_content_check() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    e evidence%ROWTYPE;
  BEGIN
    SELECT * INTO e FROM evidence WHERE id = NEW.evidence_id;
    IF encode(sha256(NEW.content), 'hex') IS DISTINCT FROM e.sha256 OR octet_length(NEW.content) <> e.size THEN
      RAISE EXCEPTION USING ERRCODE = '23514',
        MESSAGE = format('the evidence file %s does not match its record (SHA-256 or size differ)', NEW.evidence_id);
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER evidence_content_check BEFORE INSERT OR UPDATE ON evidence_content
    FOR EACH ROW EXECUTE FUNCTION vr_evidence_content_check();
`;

/**
 * Team migration 10: evidence_content may hold sealed bytes (`sealed`). Plain content is
 * checked as before; sealed content must start with a sealed file's header and be exactly
 * the row's size plus the seal's overhead, within the size limit plus that overhead.
 */
export const SEALED_EVIDENCE_SQL = `
  ALTER TABLE evidence_content ADD COLUMN sealed boolean NOT NULL DEFAULT false;
  ALTER TABLE evidence_content DROP CONSTRAINT evidence_content_size;
  ALTER TABLE evidence_content ADD CONSTRAINT evidence_content_size
    CHECK (octet_length(content) <= ${MAX_EVIDENCE_BYTES} + CASE WHEN sealed THEN ${SEALED_FILE_OVERHEAD} ELSE 0 END);
  CREATE OR REPLACE FUNCTION vr_evidence_content_check() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    e evidence%ROWTYPE;
  BEGIN
    SELECT * INTO e FROM evidence WHERE id = NEW.evidence_id;
    IF NEW.sealed THEN
      IF encode(substring(NEW.content FROM 1 FOR ${SEALED_FILE_HEADERS_HEX[0].length / 2}), 'hex')
           NOT IN (${SEALED_FILE_HEADERS_HEX.map((h) => `'${h}'`).join(', ')})
         OR octet_length(NEW.content) IS DISTINCT FROM e.size + ${SEALED_FILE_OVERHEAD} THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
          MESSAGE = format('the sealed evidence file %s does not match its record (not sealed, or not its size)', NEW.evidence_id);
      END IF;
    ELSIF encode(sha256(NEW.content), 'hex') IS DISTINCT FROM e.sha256 OR octet_length(NEW.content) <> e.size THEN
      RAISE EXCEPTION USING ERRCODE = '23514',
        MESSAGE = format('the evidence file %s does not match its record (SHA-256 or size differ)', NEW.evidence_id);
    END IF;
    RETURN NEW;
  END $$;
`;
