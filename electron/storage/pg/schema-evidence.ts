/**
 * Evidence files in a team database. The local folder keeps each evidence file under
 * evidence/<id>; a team database keeps its bytes in evidence_content beside the evidence
 * row, with the local limits: at most MAX_EVIDENCE_BYTES, and the bytes must hash to the
 * row's SHA-256 and match its size (a trigger refuses anything else, whoever writes it).
 */
import { MAX_EVIDENCE_BYTES } from '../../domain/assessment';

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
